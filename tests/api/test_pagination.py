"""The API's lists page by `page` and `per_page`: the body stays a JSON array, the paging travels in
headers (X-Total-Count, X-Page, X-Per-Page, Link), and what a caller may not read is not counted."""
import re
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from app.bodies.services import get_body
from app.decisions import actions, objectives
from app.extensions import db
from tests.factories import make_decision, make_meeting
from tests.meetings.test_query_counts import counted

LISTS = ["/api/meetings", "/api/decisions", "/api/actions", "/api/objectives"]
#: a filter each list takes and every item below passes: the Link URLs must keep it
FILTERS = {"/api/meetings": "body=taskforce", "/api/decisions": "body=taskforce",
           "/api/actions": "status=gepland", "/api/objectives": "action_line=2"}
LINK = re.compile(r'<([^>]+)>; rel="(\w+)"')


def _add_content(user, meetings: int, start: datetime, public: bool = True) -> None:
    """`meetings` Taskforce meetings (held, decision list published), each with two decisions, an
    action on each decision and one objective: public ones or internal ones."""
    for n in range(meetings):
        meeting = make_meeting(user, start=start.replace(day=n + 1), state="decisions_published",
                               items=[f"Punt {n}"], is_public=public)
        for item in meeting.items[:2]:
            decision = make_decision(user, item, f"Besluit over {item.title}")
            actions.create_action(user, {"title": f"Opvolgen {item.title}", "due": "2027-12-31"}, decision=decision)
        objectives.create_objective(user, get_body("taskforce"), {"title": f"Doel {start:%m}-{n}", "action_line": 2,
                                                                  "is_public": public})


@pytest.fixture
def content(people, request_ctx):
    """Three public meetings and two internal ones (of the Taskforce), with their decisions,
    actions and objectives: 5 meetings, 10 decisions, 10 actions, 5 objectives for the secretary."""
    _add_content(people.secretary, 3, datetime(2026, 3, 1, 14, 0))
    _add_content(people.secretary, 2, datetime(2026, 4, 1, 14, 0), public=False)
    return people


def _links(response) -> dict[str, dict]:
    """rel -> the query of its URL, as {name: value}."""
    return {rel: {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
            for url, rel in LINK.findall(response.headers["Link"])}


@pytest.mark.parametrize("url", LISTS)
def test_a_page_is_a_slice_of_the_whole_list(api, content, url):
    api.login(content.secretary.email)
    whole = api.get(url)
    assert whole.status_code == 200 and isinstance(whole.get_json(), list)
    everything = whole.get_json()
    assert len(everything) >= 5
    assert (whole.headers["X-Total-Count"], whole.headers["X-Page"], whole.headers["X-Per-Page"]) == (
        str(len(everything)), "1", "50")

    response = api.get(f"{url}?page=2&per_page=2")
    assert response.status_code == 200
    assert response.get_json() == everything[2:4]
    assert (response.headers["X-Total-Count"], response.headers["X-Page"], response.headers["X-Per-Page"]) == (
        str(len(everything)), "2", "2")


@pytest.mark.parametrize("url", LISTS)
def test_link_header_keeps_the_filters(api, content, url):
    api.login(content.secretary.email)
    total = int(api.get(f"{url}?{FILTERS[url]}").headers["X-Total-Count"])
    assert total == 5 if url in ("/api/meetings", "/api/objectives") else total == 10
    last = (total + 1) // 2
    response = api.get(f"{url}?{FILTERS[url]}&per_page=2&page=2")
    links = _links(response)
    assert set(links) == {"first", "prev", "next", "last"}
    assert {rel: int(query["page"]) for rel, query in links.items()} == {"first": 1, "prev": 1, "next": 3, "last": last}
    name, value = FILTERS[url].split("=")
    assert all(query[name] == value and query["per_page"] == "2" for query in links.values())
    assert all(link.startswith(f"http://localhost{url}?") for link, _ in LINK.findall(response.headers["Link"]))

    following = api.get(LINK.findall(response.headers["Link"])[2][0])  # rel="next", followed as given
    assert following.status_code == 200 and following.headers["X-Page"] == "3"

    first = _links(api.get(f"{url}?{FILTERS[url]}&per_page=2"))
    assert set(first) == {"first", "next", "last"}
    final = _links(api.get(f"{url}?{FILTERS[url]}&per_page=2&page={last}"))
    assert set(final) == {"first", "prev", "last"}


@pytest.mark.parametrize("url", LISTS)
def test_a_page_past_the_end_is_empty_with_the_headers(api, content, url):
    api.login(content.secretary.email)
    response = api.get(f"{url}?page=40&per_page=3")
    assert response.status_code == 200 and response.get_json() == []
    total = int(response.headers["X-Total-Count"])
    assert total >= 5 and response.headers["X-Page"] == "40" and response.headers["X-Per-Page"] == "3"
    links = _links(response)
    assert "next" not in links and int(links["prev"]["page"]) == int(links["last"]["page"]) == (total + 2) // 3


def test_an_empty_list_has_one_empty_page(api, seeded):
    response = api.get("/api/decisions")
    assert response.get_json() == [] and response.headers["X-Total-Count"] == "0"
    assert {rel: int(query["page"]) for rel, query in _links(response).items()} == {"first": 1, "last": 1}


BAD_QUERIES = ["page=0", "page=-1", "page=abc", "page=1.5", "per_page=abc", "per_page=0", "per_page=1000",
               "per_page=201", "page=" + "9" * 5000]


@pytest.mark.parametrize("url", LISTS)
def test_bad_paging_values_are_a_400(api, seeded, url):
    for query in BAD_QUERIES:
        response = api.get(f"{url}?{query}")
        assert response.status_code == 400, query
        body = response.get_json()
        assert set(body) == {"error", "detail"} and body["error"]
        assert body["detail"]["parameter"] == query.split("=")[0]


def test_the_largest_page_is_200_and_empty_values_are_the_defaults(api, seeded):
    assert api.get("/api/meetings?per_page=200").headers["X-Per-Page"] == "200"
    response = api.get("/api/meetings?page=&per_page=")  # like the lists' empty filters: not given
    assert (response.status_code, response.headers["X-Page"], response.headers["X-Per-Page"]) == (200, "1", "50")


def test_what_the_caller_may_not_read_is_not_counted(api, content):
    anonymous = api.get("/api/decisions?per_page=4")
    assert anonymous.headers["X-Total-Count"] == "6"  # the public meetings' decisions only
    assert len(anonymous.get_json()) == 4
    assert _links(anonymous)["last"]["page"] == "2"
    assert api.get("/api/objectives").headers["X-Total-Count"] == "3"
    assert api.get("/api/actions").headers["X-Total-Count"] == "6"

    api.login(content.secretary.email)
    secretary = api.get("/api/decisions?per_page=4")
    assert secretary.headers["X-Total-Count"] == "10"
    assert _links(secretary)["last"]["page"] == "3"


# --- the number of queries stays the same, whatever the length of the list ---------------------

def _queries(api, url: str) -> int:
    db.session.expire_all()
    with counted() as statements:
        response = api.get(url)
    assert response.status_code == 200
    return len(statements)


def test_lists_and_their_second_page_keep_a_bounded_number_of_queries(api, content):
    api.login(content.secretary.email)
    urls = [f"{url}?{query}" for url in LISTS for query in ("", "per_page=2&page=2")]
    small = [_queries(api, url) for url in urls]
    _add_content(content.secretary, 6, datetime(2026, 5, 1, 14, 0))
    large = [_queries(api, url) for url in urls]
    print(dict(zip(urls, zip(small, large))))
    assert large[1::2] == small[1::2]  # a page of two, from a list of 5 or of 11 meetings
    assert large[0::2] == small[0::2]  # and the whole lists
