"""Fixtures for the search tests: `find`, sample files, and the factories for files, minutes and
actions (the people, meetings, decisions and pages come from tests/conftest.py).

Every search test runs on each backend: Whoosh always, PostgreSQL full-text search as well when the
tests run on PostgreSQL (TEST_DATABASE_URL)."""
import os

import pytest

from app.search.index import search
from tests import factories
from tests.samples import samples  # noqa: F401

BACKENDS = ["whoosh"] + (["postgres"] if os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql") else [])


@pytest.fixture(autouse=True, params=BACKENDS)
def search_backend(request, app):
    """The search backend of this run of the test: "whoosh" or "postgres"."""
    app.config["SEARCH_BACKEND"] = request.param
    app.extensions.pop("search_backend", None)  # chosen anew on first use
    return request.param


@pytest.fixture
def find():
    """find(query, user=None, page=1, sort="relevance", **filters) -> the keys ("type:id") of the hits, in order."""

    def run(query, user=None, page=1, sort="relevance", **filters):
        results = search(query, user, filters, page=page, sort=sort)
        return [f"{hit.type}:{hit.id}" for hit in results.hits]

    return run


@pytest.fixture
def make_file(secretary):
    """make_file(title, filename, data, state="private", body="taskforce", user=secretary) -> Document."""

    def make(title, filename, data, state="private", body="taskforce", user=None, **kwargs):
        return factories.make_file(user or secretary, title, filename, data, state=state, body=body, **kwargs)

    return make


@pytest.fixture
def make_minutes(secretary, request_ctx):
    """make_minutes(item, text, user=secretary, reason="") -> Minutes, a new revision through the service."""

    def make(item, text, user=None, **kwargs):
        return factories.make_minutes(user or secretary, item, text, **kwargs)

    return make


@pytest.fixture
def make_action(secretary, request_ctx):
    """make_action(title, decision=None, body="taskforce", user=secretary, **data) -> Action, through the service."""

    def make(title, decision=None, user=None, **kwargs):
        return factories.make_action(user or secretary, title, decision=decision, **kwargs)

    return make
