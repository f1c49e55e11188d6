"""The meetings JSON API: the DESIGN.md contract, errors as {"error","detail"} with 4xx."""
from app.extensions import db
from app.meetings.models import Meeting


def count_meetings():
    return db.session.scalar(db.select(db.func.count(Meeting.id)))


def create(api, **overrides):
    payload = {"body": "taskforce", "start": "2026-12-15T14:00:00", "end": "2026-12-15T16:30:00",
               "location": "Provinciehuis Leuven"} | overrides
    return api.post("/api/meetings", json=payload)


def test_create_meeting_with_fixed_items(api, secretary):
    api.login("sec@example.be")
    response = create(api)
    assert response.status_code == 201
    meeting = response.get_json()
    assert meeting["body"] == "taskforce" and meeting["state"] == "planned"
    assert meeting["start"] == "2026-12-15T14:00:00+01:00" and meeting["end"] == "2026-12-15T16:30:00+01:00"
    agenda = meeting["agenda"]
    assert [item["number"] for item in agenda] == [1, 2, 3, 4]
    assert agenda[0]["title"] == "Goedkeuring verslag vorige vergadering" and agenda[0]["fixed"]
    assert agenda[3]["standing"] and not agenda[3]["fixed"]
    assert set(agenda[0]) >= {"id", "number", "title", "description", "kind", "presenter", "action_line",
                              "duration", "fixed", "standing", "skipped", "skip_reason", "public", "continues_item"}
    assert meeting["attendance"] and all(row["status"] is None for row in meeting["attendance"])
    assert api.get(f"/api/meetings/{meeting['id']}").get_json()["agenda_version"] == meeting["agenda_version"]


def test_create_errors(api, as_user, secretary, member):
    assert create(api).status_code == 401
    as_user("sec@example.be")
    for payload, status in (({"body": "onbekend"}, 400), ({"end": "2026-12-15T13:00:00"}, 400),
                            ({"start": "morgen"}, 400), ({"start": None}, 400)):
        response = create(api, **payload)
        assert response.status_code == status, payload
        assert set(response.get_json()) == {"error", "detail"}
    assert api.post("/api/meetings", json=["x"]).status_code == 400
    assert count_meetings() == 0
    as_user("lid@example.be")
    assert create(api).status_code == 403


def test_items_add_edit_move_delete(api, secretary, member):
    api.login("sec@example.be")
    meeting = create(api).get_json()
    url = f"/api/meetings/{meeting['id']}"
    response = api.post(f"{url}/items", json={"title": "Fietssnelweg F25 Leuven-Aarschot", "kind": "ter_beslissing",
                                              "action_line": 4, "description": "Stand van zaken"})
    assert response.status_code == 201
    item = response.get_json()
    # before the closing standing item (Varia), which stays last
    assert item["number"] == 4 and item["action_line"] == 4 and item["kind"] == "ter_beslissing"
    assert api.get(url).get_json()["agenda"][-1]["title"] == "Varia"
    assert api.post(f"{url}/items", json={"title": ""}).status_code == 400
    assert api.post(f"{url}/items", json={"kind": "ter_informatie"}).status_code == 400
    patched = api.patch(f"{url}/items/{item['id']}", json={"presenter": "Interleuven", "duration": 15, "public": False})
    assert patched.status_code == 200 and patched.get_json()["presenter"] == "Interleuven"
    moved = api.post(f"{url}/items/{item['id']}/move", json={"position": 2})
    assert moved.status_code == 200
    assert [i["id"] for i in moved.get_json()["agenda"]][1] == item["id"]
    for bad in (0, 6, "2", True):
        response = api.post(f"{url}/items/{item['id']}/move", json={"position": bad})
        assert response.status_code == 400, bad
        assert response.get_json()["error"]
    fixed = meeting["agenda"][0]["id"]
    response = api.delete(f"{url}/items/{fixed}")
    assert response.status_code == 409 and "vast agendapunt" in response.get_json()["error"]
    renamed = api.patch(f"{url}/items/{fixed}", json={"title": "Goedkeuring verslag 10 november"})
    assert renamed.status_code == 200 and renamed.get_json()["fixed"]
    assert api.delete(f"{url}/items/{item['id']}").status_code == 204
    assert len(api.get(url).get_json()["agenda"]) == 4
    assert api.delete(f"{url}/items/999999").status_code == 404


def test_stale_version_gives_409(api, secretary, admin):
    api.login("sec@example.be")
    meeting = create(api).get_json()
    url = f"/api/meetings/{meeting['id']}"
    version = meeting["agenda_version"]
    assert api.post(f"{url}/items", json={"title": "Eerst", "agenda_version": version}).status_code == 201
    response = api.post(f"{url}/items", json={"title": "Later", "agenda_version": version})
    assert response.status_code == 409
    assert response.get_json()["detail"] == {"agenda_version": version + 1}
    response = api.patch(url, json={"location": "Stadhuis", "agenda_version": version})
    assert response.status_code == 409
    assert api.get(url).get_json()["location"] == "Provinciehuis Leuven"


def test_skip_standing_item_through_patch(api, secretary):
    api.login("sec@example.be")
    meeting = create(api).get_json()
    varia = meeting["agenda"][3]["id"]
    url = f"/api/meetings/{meeting['id']}/items/{varia}"
    assert api.patch(url, json={"skipped": True}).status_code == 400  # a reason is required
    item = api.patch(url, json={"skipped": True, "skip_reason": "Geen punten"}).get_json()
    assert item["skipped"] and item["skip_reason"] == "Geen punten"
    assert api.patch(f"/api/meetings/{meeting['id']}/items/{meeting['agenda'][0]['id']}",
                     json={"skipped": True, "skip_reason": "x"}).status_code == 409


def test_transition_403_and_409_and_public_view(api, as_user, secretary, member, seeded):
    api.login("sec@example.be")
    meeting = create(api, is_public=True).get_json()
    url = f"/api/meetings/{meeting['id']}"
    closed = api.post(f"{url}/items", json={"title": "Personeelsdossier", "public": False}).get_json()
    as_user(None)
    assert api.get(url).status_code == 403  # planned: private
    as_user("lid@example.be")
    assert api.post(f"{url}/transition", json={"transition": "publish_agenda"}).status_code == 403
    as_user("sec@example.be")
    assert api.post(f"{url}/transition", json={"transition": "mark_held"}).status_code == 409
    assert api.post(f"{url}/transition", json={"transition": "toveren"}).status_code == 400
    published = api.post(f"{url}/transition", json={"transition": "publish_agenda", "comment": "ok"})
    assert published.status_code == 200 and published.get_json()["state"] == "agenda_published"
    as_user("lid@example.be")
    assert closed["id"] in [i["id"] for i in api.get(url).get_json()["agenda"]]
    as_user(None)
    public = api.get(url).get_json()
    assert closed["id"] not in [i["id"] for i in public["agenda"]]
    assert public["attendance"] == []


def test_patch_meeting_and_attendance(api, secretary, member):
    api.login("sec@example.be")
    meeting = create(api).get_json()
    url = f"/api/meetings/{meeting['id']}"
    moved = api.patch(url, json={"start": "2026-12-16T09:00:00+01:00", "end": "2026-12-16T11:00:00+01:00"})
    assert moved.status_code == 200 and moved.get_json()["start"] == "2026-12-16T09:00:00+01:00"
    assert api.patch(url, json={"end": "2026-12-16T08:00:00"}).status_code == 400
    lid = next(row for row in meeting["attendance"] if row["name"] == "Lotte Lid")
    response = api.put(f"{url}/attendance", json=[{"user": lid["user"], "status": "verontschuldigd"}])
    assert response.status_code == 200
    row = next(r for r in response.get_json()["attendance"] if r["user"] == lid["user"])
    assert row["status"] == "verontschuldigd"
    assert api.put(f"{url}/attendance", json=[{"user": lid["user"], "status": "weg"}]).status_code == 400
