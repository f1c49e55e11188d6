"""Fixtures for the search tests: people in and out of the Taskforce, content factories, sample files.

Every search test runs on each backend: Whoosh always, PostgreSQL full-text search as well when the
tests run on PostgreSQL (TEST_DATABASE_URL)."""
import os

import pytest

from tests.content_fixtures import *  # noqa: F401,F403  (people, content factories, sample files)

BACKENDS = ["whoosh"] + (["postgres"] if os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql") else [])


@pytest.fixture(autouse=True, params=BACKENDS)
def search_backend(request, app):
    """The search backend of this run of the test: "whoosh" or "postgres"."""
    app.config["SEARCH_BACKEND"] = request.param
    app.extensions.pop("search_backend", None)  # chosen anew on first use
    return request.param
