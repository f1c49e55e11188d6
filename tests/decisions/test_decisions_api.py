from datetime import datetime, timedelta

from app.decisions.numbering import decision_reference
from app.decisions import actions, services
from tests.decisions.voting import everyone_present


def _item(meeting, title):
    return next(i for i in meeting.items if i.title == title)


def test_minutes_decisions_actions_through_the_api(api, make_meeting, people):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    item = _item(meeting, "Mobiliteitsplan regio Leuven")
    api.login(people.secretary.email)
    url = f"/api/meetings/{meeting.id}/items/{item.id}/minutes"
    response = api.put(url, json={"text": "Besproken **plan**."})
    assert response.status_code == 200 and response.get_json()["revision"] == 1
    assert api.put(url, json={"text": "Besproken plan, aangepast.", "base_revision": 1}).get_json()["revision"] == 2
    stale = api.put(url, json={"text": "Oud", "base_revision": 1})
    assert stale.status_code == 409 and stale.get_json()["detail"] == {"current_revision": 2}
    assert api.put(url, json={"text": 5}).status_code == 400
    data = api.get(url).get_json()
    assert data["text"] == "Besproken plan, aangepast." and [r["number"] for r in data["revisions"]] == [1, 2]

    response = api.post(f"/api/meetings/{meeting.id}/items/{item.id}/decisions",
                        json={"text": "Het plan wordt goedgekeurd.", "action_line": 4})
    assert response.status_code == 201
    decision = response.get_json()
    assert decision["reference"] == "TF-2026-01/1" and decision["action_line"] == 4
    assert decision["url"] == f"/decisions/{decision['id']}"

    response = api.post(f"/api/decisions/{decision['id']}/actions",
                        json={"title": "Plan verspreiden", "owner": "VOKA", "due": "2026-05-01"})
    assert response.status_code == 201
    action = response.get_json()
    assert action["owner_name"] == "VOKA" and action["due"] == "2026-05-01" and action["status"] == "gepland"
    assert action["decision_reference"] == "TF-2026-01/1"
    response = api.patch(f"/api/actions/{action['id']}", json={"status": "lopend", "owner": people.member.email})
    assert response.status_code == 200 and response.get_json()["owner"] == f"user:{people.member.id}"
    assert api.get(f"/api/decisions/{decision['id']}").get_json()["actions"][0]["id"] == action["id"]


def test_bad_input_is_a_400_and_nothing_is_saved(api, make_meeting, people):
    from app.decisions.models import Action, Objective

    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    item = _item(meeting, "Varia")
    api.login(people.secretary.email)
    decision = api.post(f"/api/meetings/{meeting.id}/items/{item.id}/decisions", json={"text": "Besluit"}).get_json()
    for payload in ({"title": "X", "owner": "onbekend@example.be"}, {"title": "X", "due": "morgen"},
                    {"title": "x" * 400}, {"title": "X", "objective": "abc"}, {}):
        response = api.post(f"/api/decisions/{decision['id']}/actions", json=payload)
        assert response.status_code == 400, payload
        assert set(response.get_json()) == {"error", "detail"}
    assert Action.query.count() == 0
    response = api.post("/api/objectives", json={"body": "taskforce", "title": "Meer", "action_line": 3,
                                                 "target": "veel"})
    assert response.status_code == 400 and "getal" in response.get_json()["error"]
    assert Objective.query.count() == 0
    assert api.post(f"/api/meetings/{meeting.id}/items/{item.id}/decisions",
                    json={"text": "x" * 10_001}).status_code == 400
    assert api.post(f"/api/meetings/{meeting.id}/items/{item.id}/decisions", data="nee").status_code == 400


def test_permissions_in_the_api(api, make_meeting, people):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    item = _item(meeting, "Varia")
    url = f"/api/meetings/{meeting.id}/items/{item.id}/minutes"
    assert api.put(url, json={"text": "x"}).status_code == 401
    assert api.get(url).status_code == 403  # internal meeting, anonymous
    api.login(people.member.email)
    assert api.put(url, json={"text": "x"}).status_code == 403
    assert api.post(f"/api/meetings/{meeting.id}/items/{item.id}/decisions", json={"text": "x"}).status_code == 403
    api.login(people.other_secretary.email)
    assert api.get(url).status_code == 403
    assert api.get(f"/api/meetings/{meeting.id}/decisions").status_code == 403


def test_owner_reports_progress_and_lists_filter(api, make_meeting, people):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    item = _item(meeting, "Mobiliteitsplan regio Leuven")
    decision = services.create_decision(people.secretary, item, "Besluit", 4)
    yesterday = (actions.today() - timedelta(days=1)).isoformat()
    mine = actions.create_action(people.secretary, {"title": "Mijn", "owner": people.member.email,
                                                     "due": yesterday}, decision=decision)
    other = actions.create_action(people.secretary, {"title": "Andere", "owner": "ACV"}, decision=decision)
    api.login(people.member.email)
    response = api.post(f"/api/actions/{mine.id}/progress", json={"progress": 50, "value": 3, "comment": "Half"})
    assert response.status_code == 201 and response.get_json()["progress"] == 50
    assert api.post(f"/api/actions/{other.id}/progress", json={"progress": 10}).status_code == 403
    assert api.patch(f"/api/actions/{mine.id}", json={"title": "Anders"}).status_code == 403
    detail = api.get(f"/api/actions/{mine.id}").get_json()
    assert detail["progress"] == 50 and detail["updates"][0]["comment"] == "Half" and detail["overdue"] is True
    assert [a["title"] for a in api.get("/api/actions?overdue=1").get_json()] == ["Mijn"]
    assert [a["title"] for a in api.get("/api/actions?overdue=0").get_json()] == ["Andere"]
    assert len(api.get("/api/actions?action_line=4&status=lopend").get_json()) == 1
    assert api.get("/api/actions?status=bezig").status_code == 400
    api.token = None
    assert api.get("/api/actions").get_json() == []  # internal actions are not public


def test_objectives_and_votes_through_the_api(api, make_meeting, people):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    item = _item(meeting, "Mobiliteitsplan regio Leuven")
    api.login(people.secretary.email)
    response = api.post("/api/objectives", json={
        "body": "taskforce", "title": "Meer fietsers", "action_line": 4,
        "indicator": "Aandeel fietsverplaatsingen woon-werk", "unit": "%", "baseline": 20, "target": 30,
        "target_date": "2030-12-31"})
    assert response.status_code == 201
    objective = response.get_json()
    assert objective["progress"] is None
    assert api.post(f"/api/objectives/{objective['id']}/progress", json={"value": 24}).status_code == 201
    assert api.get(f"/api/objectives/{objective['id']}").get_json()["progress"] == 40.0
    assert api.patch(f"/api/objectives/{objective['id']}", json={"target": 28}).get_json()["progress"] == 50.0
    decision = api.post(f"/api/meetings/{meeting.id}/items/{item.id}/decisions", json={"text": "B"}).get_json()
    everyone_present(people.secretary, meeting, voters=10)  # votes follow the attendance
    response = api.put(f"/api/decisions/{decision['id']}/vote",
                       json={"members": {str(people.chair.id): "voor", str(people.member.id): "tegen"}})
    assert response.get_json()["vote"]["voor"] == 1 and len(response.get_json()["vote"]["members"]) == 2
    response = api.put(f"/api/decisions/{decision['id']}/vote", json={"counts": {"voor": 9, "tegen": 0,
                                                                                 "onthouding": 1}})
    assert response.get_json()["vote"]["members"] == [] and response.get_json()["vote"]["voor"] == 9
    # lock, then changes need a reason
    assert api.post(f"/api/meetings/{meeting.id}/items/{item.id}/lock").status_code == 200
    assert api.patch(f"/api/decisions/{decision['id']}", json={"text": "C"}).status_code == 409
    assert api.patch(f"/api/decisions/{decision['id']}", json={"text": "C", "reason": "Fout"}).status_code == 200
    response = api.get(f"/api/decisions?body=taskforce&year=2026&action_line=")
    assert [d["text"] for d in response.get_json()] == ["C"]


def test_approve_previous_minutes_through_the_api(api, make_meeting, people):
    from datetime import datetime

    first = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 1, 20, 14, 0))
    second = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 3, 10, 14, 0))
    api.login(people.member.email)
    assert api.post(f"/api/meetings/{second.id}/approve-previous-minutes").status_code == 403
    api.login(people.chair.email)
    response = api.post(f"/api/meetings/{second.id}/approve-previous-minutes", json={"comment": "Ok"})
    assert response.status_code == 200 and response.get_json() == {"meeting": first.id, "state": "minutes_approved"}
    assert api.post(f"/api/meetings/{second.id}/approve-previous-minutes").status_code == 409


def test_meeting_json_and_page_lead_to_decisions_and_minutes(api, client, make_meeting, people):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    item = _item(meeting, "Mobiliteitsplan regio Leuven")
    decision = services.create_decision(people.secretary, item, "Besluit over het plan", 4)
    api.login(people.member.email)
    data = api.get(f"/api/meetings/{meeting.id}").get_json()
    assert [d["reference"] for d in data["decisions"]] == [decision_reference(decision)]
    assert data["minutes_url"] == f"/meetings/{meeting.id}/minutes"
    client.login(people.secretary.email)
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert f"/meetings/{meeting.id}/minutes" in page
    assert f"/meetings/{meeting.id}/items/{item.id}/minutes" in page
