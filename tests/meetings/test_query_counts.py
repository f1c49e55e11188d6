"""Pages and API lists run a bounded number of queries, whatever the number of items: the same
count for a few items as for many."""
import gc
from contextlib import contextmanager
from datetime import datetime

import pytest
from sqlalchemy import event

from app.decisions import actions
from app.decisions import services as decisions
from app.extensions import db
from app.meetings import agenda, services


@contextmanager
def counted():
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def _meeting_with(user, items: int, start: datetime):
    meeting = services.create_meeting(user, "taskforce", start)
    for n in range(items):
        item = agenda.add_item(user, meeting, {"title": f"Punt {n}", "kind": "ter_beslissing", "action_line": 1})
        decision = decisions.create_decision(user, item, f"Besluit {n}")
        actions.create_action(user, {"title": f"Actie {n}", "owner": user.email, "due": "2026-12-31"},
                              decision=decision)
    services.transition_meeting(user, meeting, "publish_agenda")
    return meeting


def _queries(client_call) -> int:
    db.session.expire_all()
    gc.collect()  # the test's session outlives requests: what survives in it must not depend on when gc ran
    with counted() as statements:
        response = client_call()
    assert response.status_code == 200
    return len(statements)


@pytest.fixture
def small_and_large(people, request_ctx):
    small = _meeting_with(people.secretary, 2, datetime(2026, 3, 10, 14, 0))
    return small, people


def test_meeting_page_and_api_queries_do_not_grow_with_the_agenda(client, api, small_and_large):
    small, people = small_and_large
    client.login(people.secretary.email)
    api.login(people.secretary.email)
    counts_small = (_queries(lambda: client.get(f"/meetings/{small.id}")),
                    _queries(lambda: api.get(f"/api/meetings/{small.id}")))
    large = _meeting_with(people.secretary, 12, datetime(2026, 4, 10, 14, 0))
    counts_large = (_queries(lambda: client.get(f"/meetings/{large.id}")),
                    _queries(lambda: api.get(f"/api/meetings/{large.id}")))
    print("meeting page, api", counts_small, counts_large)
    assert counts_large == counts_small


def test_api_lists_queries_do_not_grow_with_the_list(api, small_and_large):
    small, people = small_and_large
    api.login(people.secretary.email)
    counts_small = (_queries(lambda: api.get("/api/decisions")), _queries(lambda: api.get("/api/actions")),
                    _queries(lambda: api.get("/api/meetings")))
    _meeting_with(people.secretary, 12, datetime(2026, 4, 10, 14, 0))
    counts_large = (_queries(lambda: api.get("/api/decisions")), _queries(lambda: api.get("/api/actions")),
                    _queries(lambda: api.get("/api/meetings")))
    print("decisions, actions, meetings", counts_small, counts_large)
    assert counts_large == counts_small
