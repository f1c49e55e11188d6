"""The search backend comes from the environment, and a wrong combination fails loudly."""
from tests.production.conftest import Host


def test_search_backend_from_the_environment(tmp_path):
    instance = tmp_path / "instance"
    sqlite = f"sqlite:///{instance / 'spitsregio.sqlite'}"
    assert Host(instance, sqlite).python("print(app.config['SEARCH_BACKEND'])").split() == ["whoosh"]
    output = Host(instance, sqlite, SEARCH_BACKEND="postgres").python("""
from app.search.index import backend
print(app.config["SEARCH_BACKEND"])
with app.app_context():
    try:
        backend()
    except RuntimeError as error:
        print(error)
""")
    assert output.splitlines() == ["postgres", 'SEARCH_BACKEND="postgres" needs a PostgreSQL DATABASE_URL']
