"""Shared fixtures: an app on a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL),
a client that knows about CSRF, people in each role and factory fixtures (tests/factories.py)."""
import os
import re
from types import SimpleNamespace

import pytest
from flask import g, has_app_context
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from app import create_app
from app.extensions import db
from app.seed import seed_demo
from tests import factories
# every /api/ response the suite receives is validated against /api/openapi.json (the summary counts them)
from tests.api.contract import check_api_response, pytest_terminal_summary  # noqa: F401
from tests.factories import PASSWORD

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """One database for the run; tables are emptied after each test."""
    if TEST_DATABASE_URL:
        url = _per_worker(TEST_DATABASE_URL)
        _create_postgres_database(url)
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


def _per_worker(url: str) -> str:
    """Under pytest-xdist each worker empties its tables after every test: give each its own
    PostgreSQL database (test_gw0, test_gw1, ...)."""
    from sqlalchemy.engine import make_url

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    target = make_url(url)
    if not worker or not target.drivername.startswith("postgresql"):
        return url
    return target.set(database=f"{target.database}_{worker}").render_as_string(hide_password=False)


def _create_postgres_database(url: str) -> None:
    """On a fresh PostgreSQL server the test database may not exist yet: create it."""
    from sqlalchemy.engine import make_url

    target = make_url(url)
    if not target.drivername.startswith("postgresql"):
        return
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                        {"name": target.database}).first()
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    finally:
        admin.dispose()


@pytest.fixture(scope="session")
def _schema(database_url, tmp_path_factory):
    app = create_app("testing", {"INSTANCE_PATH": str(tmp_path_factory.mktemp("schema")),
                                 "SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "test"})
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


def _empty_tables(database_url):
    tables = [table.name for table in db.metadata.sorted_tables]
    engine = create_engine(database_url)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("TRUNCATE {} RESTART IDENTITY CASCADE".format(
                ", ".join(f'"{name}"' for name in tables))))
        else:
            for name in reversed(tables):
                connection.execute(text(f'DELETE FROM "{name}"'))
            if connection.execute(text("SELECT name FROM sqlite_master WHERE name='sqlite_sequence'")).first():
                connection.execute(text("DELETE FROM sqlite_sequence"))
    engine.dispose()


class RequestIsolatingClient(FlaskClient):
    """The test holds one app context open (for its factories), and a request reuses it: forget
    what Flask-Login and Flask-Babel cached in `g`, so each request authenticates and picks its
    language afresh, as it would in a server."""

    def open(self, *args, **kwargs):
        _forget_request_caches()
        try:
            response = super().open(*args, **kwargs)
        finally:
            _forget_request_caches()
        check_api_response(response)
        return response


def _forget_request_caches():
    if has_app_context():
        for key in ("_login_user", "_flask_babel"):
            g.pop(key, None)


@pytest.fixture
def app(_schema, database_url, tmp_path):
    app = create_app("testing", {
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "test-secret",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "SEARCH_INDEX_PATH": str(tmp_path / "instance" / "search-index"),
        "UPLOAD_PATH": str(tmp_path / "instance" / "uploads"),
    })
    app.test_client_class = RequestIsolatingClient
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()
    _empty_tables(database_url)


class Client:
    """The Flask test client, plus form posts that carry the CSRF token like a browser."""

    def __init__(self, flask_client):
        self.raw = flask_client

    def __getattr__(self, name):
        return getattr(self.raw, name)

    def csrf_token(self, page: str = "/") -> str:
        match = CSRF.search(self.raw.get(page).get_data(as_text=True))
        assert match, f"no CSRF token on {page}"
        return match.group(1)

    def submit(self, url: str, data: dict | None = None, **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf_token())
        return self.raw.post(url, data=data, **kwargs)

    def login(self, email: str, password: str = PASSWORD):
        response = self.submit("/login", {"email": email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return response

    def logout(self):
        return self.submit("/logout")


@pytest.fixture
def client(app):
    return Client(app.test_client())


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def seeded(app):
    """The demo bodies, organisations and action lines (and demo accounts)."""
    seed_demo()
    return app


@pytest.fixture
def make_user(app):
    """make_user(name=None, email=None, global_role=None, memberships={"taskforce": "lid"}) -> User."""
    counter = iter(range(1, 10_000))

    def make(name=None, email=None, password=PASSWORD, global_role=None, memberships=None, **details):
        n = next(counter)
        return factories.make_user(email or f"user{n}@example.be", name or f"Gebruiker {n}", password,
                                   global_role=global_role, memberships=memberships, **details)

    return make


# --- people: one of each role, the same person wherever a test asks for them ---------------------

@pytest.fixture
def secretary(seeded, make_user):
    return make_user(email="sec@example.be", name="Sara Secretaris", memberships={"taskforce": "secretaris"})


@pytest.fixture
def chair(seeded, make_user):
    return make_user(email="chair@example.be", name="Carl Voorzitter", memberships={"taskforce": "voorzitter"})


@pytest.fixture
def member(seeded, make_user):
    return make_user(email="lid@example.be", name="Lotte Lid", memberships={"taskforce": "lid"})


@pytest.fixture
def outsider(seeded, make_user):
    """A member of another body: reads only what is published for the Taskforce."""
    return make_user(email="tf-hv@example.be", name="Olaf Ander", memberships={"toekomstforum-mobiliteit": "lid"})


@pytest.fixture
def other_secretary(seeded, make_user):
    """The secretary of another body: edits there, but is an outsider to the Taskforce."""
    return make_user(email="outsider@example.be", name="Otto Buiten",
                     memberships={"toekomstforum-mobiliteit": "secretaris"})


@pytest.fixture
def bo_secretary(seeded, make_user):
    return make_user(email="bo-sec@example.be", name="Bart BO", memberships={"burgemeestersoverleg": "secretaris"})


@pytest.fixture
def admin(seeded, make_user):
    """A site manager (beheerder)."""
    return make_user(email="admin@example.be", name="Ada Admin", global_role="beheerder")


@pytest.fixture
def people(secretary, chair, member, other_secretary, admin):
    """The Taskforce's secretary, chair and member, the secretary of another body and a beheerder."""
    return SimpleNamespace(secretary=secretary, chair=chair, member=member, other_secretary=other_secretary,
                           admin=admin)


# --- content -------------------------------------------------------------------------------------

@pytest.fixture
def make_meeting(seeded, admin, request_ctx):
    """make_meeting(body="taskforce", start=None, days=14, state="planned", items=[...], user=admin,
    title=..., is_public=...) -> Meeting, planned through the services and moved along the workflow
    to `state` (see factories.make_meeting)."""

    def make(body="taskforce", user=None, **kwargs):
        return factories.make_meeting(user or admin, body, **kwargs)

    return make


@pytest.fixture
def make_decision(secretary, request_ctx):
    """make_decision(item, text, user=secretary, reason="") -> Decision, through the service."""

    def make(item, text, user=None, **kwargs):
        return factories.make_decision(user or secretary, item, text, **kwargs)

    return make


@pytest.fixture
def make_page(secretary):
    """make_page(title, text, state="private", body="taskforce", user=secretary) -> Document."""

    def make(title, text="", state="private", body="taskforce", user=None, **kwargs):
        return factories.make_page(user or secretary, title, text, state=state, body=body, **kwargs)

    return make


@pytest.fixture
def api(client):
    """api.login(email) then api.get/post/patch/... with the bearer token."""

    class Api:
        token = None

        def login(self, email, password=PASSWORD):
            response = client.raw.post("/api/login", json={"email": email, "password": password})
            assert response.status_code == 200, response.get_json()
            self.token = response.get_json()["token"]
            return self

        def _headers(self, headers=None):
            headers = dict(headers or {})
            if self.token:
                headers["Authorization"] = f"Bearer {self.token}"
            return headers

        def __getattr__(self, method):
            if method not in {"get", "post", "put", "patch", "delete"}:
                raise AttributeError(method)

            def call(url, headers=None, **kwargs):
                return getattr(client.raw, method)(url, headers=self._headers(headers), **kwargs)

            return call

    return Api()


@pytest.fixture
def item_titled():
    """item_titled(meeting, "Varia") -> the agenda item with that title."""
    return lambda meeting, title: next(item for item in meeting.items if item.title == title)


@pytest.fixture
def request_ctx(app):
    """Services translate their messages: give them a request (the locale comes from it)."""
    with app.test_request_context():
        yield
