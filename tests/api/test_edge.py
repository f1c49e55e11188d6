"""Strings the API cannot store or export are refused at its edge, for every call: a lone surrogate
or NUL anywhere in a JSON body, a query or a form (400, never a 500), a line break in a one-line
field such as a title, a name or a place."""
import io

import pytest

from app.meetings.models import Meeting

LONE_SURROGATE_BODY = b'{"body": "taskforce", "start": "2027-05-10T14:00", "location": "a\\ud800"}'


@pytest.fixture
def secretary_api(secretary, api):
    return api.login(secretary.email)


def _is_refusal(response, field: str, reason: str) -> bool:
    body = response.get_json()
    return response.status_code == 400 and body["detail"] == {"field": field, "reason": reason} and body["error"]


def test_a_lone_surrogate_in_a_json_body_is_a_400_and_nothing_is_written(secretary_api, app):
    response = secretary_api.post("/api/meetings", data=LONE_SURROGATE_BODY, content_type="application/json")
    assert _is_refusal(response, "location", "forbidden_character")
    assert Meeting.query.count() == 0


@pytest.mark.parametrize("raw, field", [
    (b'{"body": "taskforce", "start": "2027-05-10T14:00", "title": "a\\u0000b"}', "title"),
    (b'{"body": "taskforce", "start": "2027-05-10T14:00", "x": {"y": ["ok", "\\udfff"]}}', "x.y[1]"),
    (b'{"body": "taskforce", "start": "2027-05-10T14:00", "\\ud83d": 1}', "\ufffd"),
    (b'[{"user": 1, "status": "\\u0000"}]', "[0].status"),
])
def test_nul_and_surrogates_are_refused_anywhere_in_the_body(secretary_api, raw, field):
    response = secretary_api.post("/api/meetings", data=raw, content_type="application/json")
    assert _is_refusal(response, field, "forbidden_character")


@pytest.mark.parametrize("title", ["A\r\nX-EVIL:1", "A\rX-EVIL:2", "A\nB", "A\u2028B", "A\x85B"])
def test_a_line_break_in_a_one_line_field_is_refused(secretary_api, title):
    response = secretary_api.post("/api/meetings", json={"body": "taskforce", "start": "2027-05-10T14:00",
                                                         "title": title})
    assert _is_refusal(response, "title", "line_break")


def test_line_breaks_stay_allowed_where_text_has_several_lines(secretary_api):
    meeting = secretary_api.post("/api/meetings", json={"body": "taskforce", "start": "2027-05-10T14:00"}).get_json()
    item = secretary_api.post(f"/api/meetings/{meeting['id']}/items",
                              json={"title": "Punt", "description": "Eerste regel\nTweede regel"})
    assert item.status_code == 201 and item.get_json()["description"] == "Eerste regel\nTweede regel"


def test_nul_in_a_query_and_in_a_form_field_is_refused(secretary_api):
    assert _is_refusal(secretary_api.get("/api/meetings?body=task%00force"), "body", "forbidden_character")
    response = secretary_api.post("/api/documents", data={"title": "Nota\nX", "body": "taskforce",
                                                          "file": (io.BytesIO(b"tekst"), "nota.txt")})
    assert _is_refusal(response, "title", "line_break")


def test_json_nested_deeper_than_the_parser_goes_is_a_400(secretary_api):
    response = secretary_api.post("/api/meetings", data=b"[" * 100_000, content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"]


@pytest.mark.parametrize("raw", [b'{"body": "taskforce", "start": "2027-05-10T14:00", "x": 9223372036854775808}',
                                 b'{"body": "taskforce", "start": "2027-05-10T14:00", "x": [NaN]}',
                                 b'{"body": "taskforce", "start": "2027-05-10T14:00", "x": -Infinity}'])
def test_numbers_no_json_reader_holds_are_refused(secretary_api, raw):
    response = secretary_api.post("/api/meetings", data=raw, content_type="application/json")
    assert response.status_code == 400 and response.get_json()["detail"]["reason"] == "number_out_of_range"


@pytest.mark.parametrize("url", ["/api/meetings/9223372036854775808", "/api/meetings/2147483648/decisions",
                                 "/api/decisions/0", "/api/documents/99999999999999999999999"])
def test_an_id_beyond_any_row_is_a_404(secretary_api, url):
    response = secretary_api.get(url)
    assert response.status_code == 404 and response.get_json()["error"]
