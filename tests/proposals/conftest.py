"""Fixtures for the proposals tests: a proposal made through the service, and real sample files."""
import pytest

from app.bodies.services import get_body
from app.proposals.services import propose_item
from tests.samples import samples  # noqa: F401


@pytest.fixture
def propose(member, request_ctx):
    """propose(title, user=member, body="taskforce", files=[(bytes, name)], **fields) -> AgendaProposal."""

    def make(title="Fietsparkeren aan station Leuven", user=None, body="taskforce", files=(), **fields):
        return propose_item(user or member, get_body(body), {"title": title, **fields}, list(files))

    return make
