"""Fixtures for the documents tests: real sample files."""
from tests.content_fixtures import samples  # noqa: F401
