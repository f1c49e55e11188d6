"""The API is CSRF-exempt, so a session cookie must not authenticate it (a cross-site form could
otherwise act as the logged-in user); only a bearer token does."""


def test_session_cookie_does_not_authenticate_the_api(client, seeded, make_user):
    user = make_user(memberships={"taskforce": "secretaris"})
    client.login(user.email)
    assert client.get("/").status_code == 200
    assert client.get("/api/me").status_code == 401
    response = client.post("/api/meetings", json={"body": "taskforce", "start": "2027-01-12T14:00"})
    assert response.status_code == 401  # anonymous to the API, not a refused secretary


def test_bearer_token_wins_over_a_session_of_someone_else(client, api, seeded, make_user):
    secretary = make_user(memberships={"taskforce": "secretaris"})
    member = make_user(memberships={"taskforce": "lid"})
    client.login(secretary.email)
    api.login(member.email)
    assert api.get("/api/me").get_json()["email"] == member.email
