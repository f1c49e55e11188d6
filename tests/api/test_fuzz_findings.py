"""What fuzzing the API found (each answered 500 before): values no row or clock can hold reach the
database driver or the time zone arithmetic; a body that is JSON but not an object. Each is now a
4xx JSON error, through the API and, where the same service parses a form, through the pages too."""
import pytest

from app.documents.models import Document

BEYOND = "99999999999999999999"  # past 2**63: SQLite's driver overflows on it


@pytest.fixture
def ids(people, make_meeting, make_decision, item_titled, request_ctx, api):
    meeting = make_meeting(items=["Plan"], state="agenda_published", days=-1)
    item = item_titled(meeting, "Plan")
    decision = make_decision(item, "De Taskforce beslist.")
    api.login(people.secretary.email)
    return {"meeting": meeting.id, "item": item.id, "decision": decision.id}


def _refused(response, status: int = 400) -> bool:
    return response.status_code == status and set(response.get_json()) == {"error", "detail"}


@pytest.mark.parametrize("field", ["folder", "meeting", "agenda_item"])
def test_a_document_linked_to_an_id_beyond_any_row(ids, api, field):
    assert _refused(api.post("/api/documents", json={"title": "Nota", "text": "Tekst", field: BEYOND}))
    assert Document.query.count() == 0


@pytest.mark.parametrize("owner", [f"user:{BEYOND}", f"organisation:{BEYOND}", "user:²"])
def test_an_action_owned_by_an_id_beyond_any_row(ids, api, owner):
    assert _refused(api.post(f"/api/decisions/{ids['decision']}/actions", json={"title": "Actie", "owner": owner}))


def test_an_item_on_an_action_line_beyond_any(ids, api):
    url = f"/api/meetings/{ids['meeting']}/items/{ids['item']}"
    assert _refused(api.patch(url, json={"action_line": BEYOND}))


@pytest.mark.parametrize("start", ["0001-01-01T00:30:00", "0001-01-01T00:00:00+01:00",
                                   "9999-12-31T23:59:00-05:00", "9999-12-31T23:30:00"])
def test_a_meeting_at_a_moment_the_clock_cannot_convert(ids, api, start):
    assert _refused(api.post("/api/meetings", json={"body": "taskforce", "start": start}))
    assert _refused(api.patch(f"/api/meetings/{ids['meeting']}", json={"start": start}))


@pytest.mark.parametrize("body", [b"true", b"[1]", b'"tekst"', b"3"])
def test_an_optional_body_that_is_not_an_object(ids, api, body):
    meeting, item = ids["meeting"], ids["item"]
    for url in (f"/api/meetings/{meeting}/approve-previous-minutes", f"/api/meetings/{meeting}/items/{item}/postpone"):
        assert _refused(api.post(url, data=body, content_type="application/json"))
    assert _refused(api.delete(f"/api/meetings/{meeting}/items/{item}", data=body, content_type="application/json"))


@pytest.mark.parametrize("reason", [True, 5, ["a"], {"a": 1}])
def test_a_reason_that_is_not_text(ids, api, reason):
    meeting, item = ids["meeting"], ids["item"]
    assert _refused(api.post(f"/api/meetings/{meeting}/items/{item}/decisions", json={"text": "B", "reason": reason}))
    assert _refused(api.put(f"/api/meetings/{meeting}/items/{item}/minutes", json={"text": "N", "reason": reason}))
