"""The API skeleton: login with bearer tokens, /api/me, /api/bodies, JSON errors."""
from datetime import timedelta

import pytest
from flask import g

from app.auth.models import ApiToken
from app.extensions import db

#: passed explicitly: `from conftest import ...` is ambiguous once other folders have a conftest.py
PASSWORD = "een-goed-wachtwoord-42"


@pytest.fixture
def secretary(seeded, make_user):
    return make_user(name="Sam Secretaris", email="sam@example.be",
                     memberships={"taskforce": "secretaris", "burgemeestersoverleg": "waarnemer"},
                     password=PASSWORD)


def new_request():
    """Forget the user Flask-Login cached on `g` (the test app context outlives a request)."""
    g.pop("_login_user", None)


def test_login_gives_a_token_that_identifies_the_user(api, secretary):
    api.login("sam@example.be", PASSWORD)
    assert len(api.token) >= 32
    response = api.get("/api/me")
    assert response.status_code == 200
    assert response.get_json() == {
        "id": secretary.id, "email": "sam@example.be", "name": "Sam Secretaris", "global_roles": [],
        "roles": {"taskforce": "secretaris", "burgemeestersoverleg": "waarnemer"},
    }


def test_tokens_are_stored_hashed(api, secretary):
    api.login("sam@example.be", PASSWORD)
    stored = db.session.scalar(db.select(ApiToken).filter_by(user_id=secretary.id))
    assert stored.token_hash != api.token and len(stored.token_hash) == 64


def test_global_role_in_me(api, make_user):
    make_user(email="baas@example.be", global_role="beheerder", password=PASSWORD)
    assert api.login("baas@example.be", PASSWORD).get("/api/me").get_json()["global_roles"] == ["beheerder"]


def test_me_without_token_is_401_json(client, seeded):
    response = client.raw.get("/api/me")
    assert response.status_code == 401
    body = response.get_json()
    assert set(body) == {"error", "detail"} and body["error"]


@pytest.mark.parametrize("header", ["Bearer not-a-token", "Bearer ", "Basic c2FtOnB3"])
def test_bad_token_is_401(client, secretary, header):
    assert client.raw.get("/api/me", headers={"Authorization": header}).status_code == 401


def test_expired_token_and_inactive_user_are_refused(api, secretary):
    api.login("sam@example.be", PASSWORD)
    stored = db.session.scalar(db.select(ApiToken).filter_by(user_id=secretary.id))
    stored.expires_at -= timedelta(days=365)
    db.session.commit()
    new_request()
    assert api.get("/api/me").status_code == 401

    api.login("sam@example.be", PASSWORD)
    secretary.active = False
    db.session.commit()
    new_request()
    assert api.get("/api/me").status_code == 401


def test_bad_login_is_401_json(client, secretary):
    response = client.raw.post("/api/login", json={"email": "sam@example.be", "password": "fout-fout-fout"})
    assert response.status_code == 401
    assert response.get_json()["error"] == "Onbekend e-mailadres of verkeerd wachtwoord."


@pytest.mark.parametrize("payload", [None, [], {"email": "sam@example.be"}, {"email": 1, "password": PASSWORD}])
def test_malformed_login_is_400_json(client, secretary, payload):
    response = client.raw.post("/api/login", json=payload) if payload is not None else \
        client.raw.post("/api/login", data="niet json", content_type="application/json")
    assert response.status_code == 400
    assert "error" in response.get_json()


def test_api_needs_no_csrf_token(client, secretary):
    """Bearer tokens, not cookies, authenticate the API, so CSRF does not apply there."""
    response = client.raw.post("/api/login", json={"email": "sam@example.be", "password": PASSWORD})
    assert response.status_code == 200


def test_bodies(client, seeded):
    response = client.raw.get("/api/bodies")
    assert response.status_code == 200
    bodies = {body["slug"]: body for body in response.get_json()}
    assert set(bodies) == {"taskforce", "burgemeestersoverleg", "toekomstforum-werk-economie",
                           "toekomstforum-mobiliteit"}
    taskforce = bodies["taskforce"]
    assert taskforce["name"] == "Taskforce Spitsregio Leuven"
    assert taskforce["reports_to"] == "burgemeestersoverleg" and taskforce["min_meetings_per_year"] == 6
    assert (taskforce["quorum"], taskforce["majority_rule"]) == (None, "simple")  # the defaults
    items = taskforce["fixed_items"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    feedback = next(item for item in items if item["feedback_from"])
    assert feedback == {"title": "Terugkoppeling Burgemeestersoverleg Oost-Brabant", "kind": "ter_informatie",
                        "mandatory": True, "position": 2, "feedback_from": "burgemeestersoverleg"}
    assert bodies["burgemeestersoverleg"]["reports_to"] is None


def test_one_body_and_unknown_body(client, seeded):
    assert client.raw.get("/api/bodies/taskforce").get_json()["slug"] == "taskforce"
    response = client.raw.get("/api/bodies/bestaat-niet")
    assert response.status_code == 404
    assert response.get_json()["error"] == "Onbekend orgaan: bestaat-niet"


def test_unknown_api_route_is_json_404(client, seeded):
    response = client.raw.get("/api/bestaat-niet")
    assert response.status_code == 404 and "error" in response.get_json()
    response = client.raw.delete("/api/bodies")
    assert response.status_code == 405 and "error" in response.get_json()
