"""Fixtures for the documents tests (shared with the search tests)."""
from tests.content_fixtures import *  # noqa: F401,F403
