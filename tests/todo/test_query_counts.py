"""The to-do list runs a fixed number of queries: as many for one meeting, remark and action per
group as for many."""
import pytest

from app.extensions import db
from app.todo.services import todo_for
from tests.meetings.test_query_counts import counted


@pytest.fixture
def grow(people, held, make_meeting, remark, action, item_titled, request_ctx):
    """grow(n): n more of everything the list shows, for every role (Taskforce and another body)."""
    made = [0]

    def add(n: int):
        for _ in range(n):
            made[0] += 1
            days = made[0]
            for body in ("taskforce", "burgemeestersoverleg"):
                meeting = held(days=-days, shared=True, decisions_published=days % 2 == 0, body=body)
                item = item_titled(meeting, "Fietssnelwegen")
                remark(meeting, people.member, item=item)
                action(item, f"Te laat {days}", owner=people.member, due_in_days=-days)
                action(item, f"Later {days}", owner=people.chair, due_in_days=days)
                make_meeting(body=body, days=days)

    return add


def _count(call) -> int:
    db.session.expire_all()
    with counted() as statements:
        call()
    return len(statements)


def test_todo_for_runs_as_many_queries_for_many_rows_as_for_few(people, grow, request_ctx):
    users = (people.chair, people.secretary, people.member, people.admin)
    grow(1)
    small = [_count(lambda: todo_for(user)) for user in users]
    grow(4)
    large = [_count(lambda: todo_for(user)) for user in users]
    print("chair, secretary, member, beheerder", small, large)
    assert large == small
    assert max(large) <= 30  # a handful per kind of row, whatever their number
    assert todo_for(people.admin).sections[0].groups[0].count == 10  # the data really grew


def test_the_start_page_runs_as_many_queries_for_many_rows_as_for_few(client, people, grow, request_ctx):
    def page_queries(user) -> int:
        client.login(user.email)
        responses = []
        count = _count(lambda: responses.append(client.get("/")))
        assert responses[0].status_code == 200
        client.logout()
        return count

    users = (people.chair, people.secretary, people.member)
    grow(1)
    small = [page_queries(user) for user in users]
    grow(4)
    large = [page_queries(user) for user in users]
    print("start page: chair, secretary, member", small, large)
    assert large == small
