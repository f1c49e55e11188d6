"""Fixtures for the documents tests: real sample files."""
from tests.samples import samples  # noqa: F401
