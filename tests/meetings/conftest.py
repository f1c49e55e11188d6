"""Fixtures for the meetings tests: Brussels wall-clock times and an API client that switches users."""
import pytest

from tests.factories import local


@pytest.fixture(name="local")
def local_fixture():
    """local(days, hour=14) -> a Brussels wall-clock datetime `days` from today."""
    return local


@pytest.fixture
def as_user(api):
    """as_user(email) logs the API in as that user; as_user(None) makes it anonymous."""

    def switch(email):
        api.token = None
        if email:
            api.login(email)
        return api

    return switch
