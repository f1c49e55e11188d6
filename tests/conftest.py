"""Shared fixtures: an app on a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL),
a client that knows about CSRF, and factories for users and bodies."""
import os
import re
from datetime import datetime

import pytest
from flask import g, has_app_context
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from app import create_app
from app.extensions import db

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
PASSWORD = "correct-horse-battery"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """One database for the run; tables are emptied after each test."""
    if TEST_DATABASE_URL:
        _create_postgres_database(TEST_DATABASE_URL)
        return TEST_DATABASE_URL
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


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
            return super().open(*args, **kwargs)
        finally:
            _forget_request_caches()


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
    from app.seed import seed_demo

    seed_demo()
    return app


@pytest.fixture
def make_user(app):
    """make_user(global_role=None, memberships={"taskforce": "lid"}, ...) -> User."""
    from app.auth.services import create_user
    from app.bodies.models import Body, Membership

    counter = iter(range(1, 10_000))

    def make(name=None, email=None, password=PASSWORD, global_role=None, memberships=None):
        n = next(counter)
        user = create_user(email or f"user{n}@example.be", name or f"Gebruiker {n}", password,
                           global_role=global_role)
        for slug, role in (memberships or {}).items():
            body = db.session.scalar(db.select(Body).filter_by(slug=slug))
            assert body is not None, f"no body {slug}: use the `seeded` fixture"
            db.session.add(Membership(user=user, body=body, role=role))
        db.session.commit()
        return user

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


# --- meetings for the minutes and decisions tests (other folders override make_meeting) --------

@pytest.fixture
def make_meeting(seeded, request_ctx):
    """make_meeting(body="taskforce", start=datetime(...), state="held", items=["Titel", ...]) -> Meeting.

    The meeting gets its body's fixed items first, then the extra items, as planning one does.
    """
    from app.bodies.models import Body
    from app.meetings.models import AgendaItem, Meeting

    def make(body="taskforce", start=datetime(2026, 3, 10, 14, 0), state="held", is_public=False,
             items=("Mobiliteitsplan regio Leuven",), item_kind="ter_beslissing"):
        found = db.session.scalar(db.select(Body).filter_by(slug=body))
        meeting = Meeting(body=found, start_at=start, state=state, is_public=is_public,
                          title=f"Vergadering {found.name}")
        db.session.add(meeting)
        position = 0
        for fixed in found.fixed_items:
            meeting.items.append(AgendaItem(
                position=position, title=fixed.title, kind=fixed.kind, is_fixed=fixed.mandatory,
                is_standing=not fixed.mandatory, fixed_item=fixed, description=fixed.description))
            position += 1
        for title in items:
            meeting.items.append(AgendaItem(position=position, title=title, kind=item_kind,
                                            description=f"Toelichting bij **{title}**."))
            position += 1
        db.session.commit()
        return meeting

    return make


@pytest.fixture
def people(seeded, make_user):
    """secretary, chair and member of the Taskforce, an outsider, and a beheerder."""

    class People:
        secretary = make_user(name="Sofie Secretaris", email="sec@example.be", memberships={"taskforce": "secretaris"})
        chair = make_user(name="Carl Voorzitter", email="chair@example.be", memberships={"taskforce": "voorzitter"})
        member = make_user(name="Mila Lid", email="member@example.be", memberships={"taskforce": "lid"})
        outsider = make_user(name="Otto Buiten", email="outsider@example.be",
                             memberships={"toekomstforum-mobiliteit": "secretaris"})
        admin = make_user(name="Ben Beheer", email="admin@example.be", global_role="beheerder")

    return People


@pytest.fixture
def item_titled():
    """item_titled(meeting, "Varia") -> the agenda item with that title."""
    return lambda meeting, title: next(item for item in meeting.items if item.title == title)


@pytest.fixture
def request_ctx(app):
    """Services translate their messages: give them a request (the locale comes from it)."""
    with app.test_request_context():
        yield
