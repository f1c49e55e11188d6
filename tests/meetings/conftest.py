"""Fixtures for the meetings tests: demo bodies, a secretary of the Taskforce, a meeting factory."""
from datetime import datetime, timedelta

import pytest

from app.core.timeutil import to_local, utcnow

#: the same as tests/conftest.py: test modules do `from conftest import PASSWORD`, and without
#: packages the conftest imported last answers that import
PASSWORD = "correct-horse-battery"


@pytest.fixture
def secretary(seeded, make_user):
    return make_user(email="sec@example.be", name="Sara Secretaris", memberships={"taskforce": "secretaris"})


@pytest.fixture
def bo_secretary(seeded, make_user):
    return make_user(email="bo-sec@example.be", name="Bart BO", memberships={"burgemeestersoverleg": "secretaris"})


@pytest.fixture
def member(seeded, make_user):
    return make_user(email="lid@example.be", name="Lotte Lid", memberships={"taskforce": "lid"})


@pytest.fixture
def admin(seeded, make_user):
    return make_user(email="admin@example.be", name="Ada Admin", global_role="beheerder")


def local(days: int = 0, hour: int = 14, minute: int = 0) -> datetime:
    """A Brussels wall-clock datetime `days` from today."""
    day = to_local(utcnow()).date() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute)


@pytest.fixture(name="local")
def local_fixture():
    """local(days, hour=14) -> a Brussels wall-clock datetime `days` from today."""
    return local


@pytest.fixture
def make_meeting(seeded, admin):
    """make_meeting(body="taskforce", days=14, ...) -> Meeting, planned through the service."""
    from app.meetings import services

    def make(body="taskforce", days=14, hours=2, user=None, **kwargs):
        start = kwargs.pop("start", None) or local(days)
        end = kwargs.pop("end", start + timedelta(hours=hours))
        return services.create_meeting(user or admin, body, start, end, **kwargs)

    return make


@pytest.fixture
def as_user(api):
    """as_user(email) logs the API in as that user; as_user(None) makes it anonymous."""

    def switch(email):
        api.token = None
        if email:
            api.login(email)
        return api

    return switch
