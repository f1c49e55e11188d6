"""No browser or proxy keeps what a signed-in user was shown: pages, API answers, exports, feeds."""
import pytest

PRIVATE = "private, no-store"


def _assert_private(response):
    assert response.headers["Cache-Control"] == PRIVATE, response.request.path
    assert {"Cookie", "Authorization"} <= set(response.vary), response.request.path


@pytest.mark.parametrize("path", ["/", "/meetings", "/search?q=fietsroute", "/actions", "/actions.csv",
                                  "/bodies/taskforce", "/bodies/taskforce/meetings.ics"])
def test_signed_in_pages_are_private(client, secretary, path):
    client.login(secretary.email)
    response = client.get(path)
    assert response.status_code == 200, path
    _assert_private(response)


def test_exports_of_a_signed_in_user_are_private(client, secretary, make_meeting):
    meeting = make_meeting(state="agenda_published")
    client.login(secretary.email)
    for path in (f"/meetings/{meeting.id}.ics", f"/meetings/{meeting.id}/agenda.docx"):
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_private(response)


def test_api_answers_are_private_signed_in_or_not(api, member):
    anonymous = api.get("/api/meetings")
    assert anonymous.status_code == 200
    _assert_private(anonymous)
    _assert_private(api.login(member.email).get("/api/meetings"))
    _assert_private(api.get("/api/meetings/999999"))  # errors too


def test_anonymous_pages_are_revalidated_and_vary_on_the_user(client, seeded):
    response = client.get("/meetings")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-cache"
    assert {"Cookie", "Authorization"} <= set(response.vary)


def test_static_files_keep_their_own_caching(client, seeded):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "Authorization" not in response.vary
    response.close()
