"""Bad input to the API gets a 4xx JSON error, never a 500: every write call with values of the
wrong type, out of range, huge, empty or hostile."""
from datetime import date

import pytest

from app.decisions.models import Decision
from app.extensions import db

pytestmark = pytest.mark.slow  # every write call of the API for each bad value

BAD_VALUES = [None, 123, 1.5, "", "x" * 20_000, [], {}, True, "2027-13-45", "<script>", "-1"]


@pytest.fixture
def setting(seeded, make_user, api):
    secretary = make_user(memberships={"taskforce": "secretaris"})
    api.login(secretary.email)
    meeting = api.post("/api/meetings", json={"body": "taskforce", "start": "2027-05-10T14:00"}).get_json()
    item = meeting["agenda"][2]["id"]
    decision = api.post(f"/api/meetings/{meeting['id']}/items/{item}/decisions",
                        json={"text": "De Taskforce beslist."}).get_json()
    action = api.post(f"/api/decisions/{decision['id']}/actions", json={"title": "Opvolgen"}).get_json()
    document = api.post("/api/documents", json={"text": "Nota", "title": "Nota", "body": "taskforce"}).get_json()
    return {"meeting": meeting["id"], "item": item, "decision": decision["id"], "action": action["id"],
            "document": document["id"]}


def calls(ids: dict, value) -> list[tuple[str, str, dict | None]]:
    m, i, d, a, doc = ids["meeting"], ids["item"], ids["decision"], ids["action"], ids["document"]
    return [
        ("post", "/api/meetings", {"body": value, "start": "2027-05-10T14:00"}),
        ("post", "/api/meetings", {"body": "taskforce", "start": value}),
        ("post", "/api/meetings", {"body": "taskforce", "start": "2027-05-10T14:00", "end": value}),
        ("patch", f"/api/meetings/{m}", {"location": value}),
        ("patch", f"/api/meetings/{m}", {"start": value}),
        ("post", f"/api/meetings/{m}/items", {"title": value}),
        ("post", f"/api/meetings/{m}/items", {"title": "Punt", "kind": value}),
        ("post", f"/api/meetings/{m}/items", {"title": "Punt", "action_line": value}),
        ("patch", f"/api/meetings/{m}/items/{i}", {"title": value}),
        ("patch", f"/api/meetings/{m}/items/{i}", {"duration": value}),
        ("post", f"/api/meetings/{m}/items/{i}/move", {"position": value}),
        ("put", f"/api/meetings/{m}/items/{i}/minutes", {"text": value}),
        ("post", f"/api/meetings/{m}/items/{i}/decisions", {"text": value}),
        ("post", f"/api/meetings/{m}/items/{i}/decisions", {"text": "Besluit", "action_line": value}),
        ("post", f"/api/meetings/{m}/transition", {"transition": value}),
        ("post", f"/api/decisions/{d}/actions", {"title": value}),
        ("post", f"/api/decisions/{d}/actions", {"title": "Actie", "owner": value}),
        ("post", f"/api/decisions/{d}/actions", {"title": "Actie", "due": value}),
        ("post", f"/api/decisions/{d}/actions", {"title": "Actie", "objective": value}),
        ("patch", f"/api/actions/{a}", {"status": value}),
        ("patch", f"/api/actions/{a}", {"due": value}),
        ("get", f"/api/actions?status={value}&overdue={value}&action_line={value}", None),
        ("get", f"/api/search?q={value}&type={value}&year={value}&page={value}", None),
        ("post", "/api/documents", {"text": value, "title": "Nota", "body": "taskforce"}),
        ("post", "/api/documents", {"text": "Nota", "title": value, "body": "taskforce"}),
        ("post", "/api/documents", {"text": "Nota", "title": "Nota", "folder": value}),
        ("post", "/api/documents", {"text": "Nota", "title": "Nota", "meeting": value}),
        ("post", "/api/documents", {"text": "Nota", "title": "Nota", "agenda_item": value}),
        ("post", f"/api/documents/{doc}/transition", {"transition": value}),
    ]


@pytest.mark.parametrize("value", BAD_VALUES, ids=lambda v: repr(v)[:20])
def test_bad_values_get_a_json_error_not_a_500(setting, api, value):
    failures = []
    for method, url, body in calls(setting, value):
        response = getattr(api, method)(url, json=body) if body is not None else getattr(api, method)(url)
        if response.status_code >= 500 or not response.is_json:
            failures.append((response.status_code, method, url, str(body)[:60]))
        elif response.status_code >= 400:
            assert set(response.get_json()) >= {"error", "detail"}
    assert failures == []


@pytest.mark.parametrize("payload", ["not json", "[1, 2]", '{"body": '])
def test_malformed_json_is_a_400(setting, api, payload):
    response = api.post("/api/meetings", data=payload, content_type="application/json")
    assert response.status_code == 400
    assert "error" in response.get_json()


def test_nothing_half_written_by_refused_calls(setting, api):
    before = db.session.query(Decision).count()
    response = api.post(f"/api/meetings/{setting['meeting']}/items/{setting['item']}/decisions",
                        json={"text": "Besluit", "action_line": 99})
    assert response.status_code == 400
    assert db.session.query(Decision).count() == before
    assert date.today()  # the refused call left the session usable
    assert api.get(f"/api/meetings/{setting['meeting']}").status_code == 200
