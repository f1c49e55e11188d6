"""The proposals API: list, propose (JSON and multipart with files), decide; every answer is also
validated against /api/openapi.json by the suite's client."""
import io

import pytest

from app.api.openapi import openapi_document
from app.api.openapi_proposals import PROPOSAL_SCHEMAS


def test_a_member_proposes_and_the_secretary_accepts_onto_a_meeting(api, member, secretary, make_meeting):
    meeting = make_meeting()
    api.login(member.email)
    response = api.post("/api/bodies/taskforce/proposals", json={
        "title": "Bedrijvenzones bereikbaar", "description": "Met de *bus*.", "kind": "ter_beslissing"})
    assert response.status_code == 201
    proposal = response.get_json()
    assert (proposal["state"], proposal["proposed_by"], proposal["kind"]) == ("open", member.name, "ter_beslissing")
    api.login(secretary.email)
    response = api.post(f"/api/proposals/{proposal['id']}/decision",
                        json={"decision": "accept", "meeting_id": meeting.id})
    assert response.status_code == 200
    accepted = response.get_json()
    assert accepted["state"] == "accepted" and accepted["meeting"] == meeting.id
    agenda = api.get(f"/api/meetings/{meeting.id}").get_json()["agenda"]
    item = next(item for item in agenda if item["id"] == accepted["agenda_item"])
    assert (item["title"], item["presenter"], item["kind"]) == ("Bedrijvenzones bereikbaar", member.name,
                                                               "ter_beslissing")
    again = api.post(f"/api/proposals/{proposal['id']}/decision", json={"decision": "decline", "reason": "Toch niet"})
    assert again.status_code == 409 and "al beslist" in again.get_json()["error"]


def test_multipart_with_files(api, member, samples):
    api.login(member.email)
    response = api.post("/api/bodies/taskforce/proposals", data={
        "title": "Kenniseconomie in het Hageland",
        "file": [(io.BytesIO(samples.pdf("Nota kenniseconomie")), "nota.pdf"),
                 (io.BytesIO(b"Bijlage in tekst."), "bijlage.txt")]}, content_type="multipart/form-data")
    assert response.status_code == 201
    documents = response.get_json()["documents"]
    assert sorted(document["title"] for document in documents) == ["bijlage.txt", "nota.pdf"]
    refused = api.post("/api/bodies/taskforce/proposals", data={
        "title": "Met een programma", "file": (io.BytesIO(b"MZ\x90\x00"), "setup.exe")},
        content_type="multipart/form-data")
    assert refused.status_code == 400


def test_decline_needs_a_reason_and_only_the_secretary_decides(api, member, chair, secretary, propose):
    proposal = propose()
    api.login(chair.email)
    assert api.post(f"/api/proposals/{proposal.id}/decision",
                    json={"decision": "decline", "reason": "Nee"}).status_code == 403
    api.login(secretary.email)
    missing = api.post(f"/api/proposals/{proposal.id}/decision", json={"decision": "decline"})
    assert missing.status_code == 400 and "reden" in missing.get_json()["error"]
    for bad in ({"decision": "archive"}, {"decision": "accept"}, {"decision": "accept", "meeting_id": "x"},
                {"decision": 3}, {"decision": "postpone", "note": ["a"]}):
        assert api.post(f"/api/proposals/{proposal.id}/decision", json=bad).status_code == 400, bad
    declined = api.post(f"/api/proposals/{proposal.id}/decision",
                        json={"decision": "decline", "reason": "Buiten de actielijnen."}).get_json()
    assert (declined["state"], declined["note"]) == ("declined", "Buiten de actielijnen.")
    api.login(member.email)
    [mine] = api.get("/api/bodies/taskforce/proposals").get_json() or [None]
    assert mine is None  # a member's list holds the pending ones only


def test_the_list_shows_members_the_pending_ones_without_notes(api, member, chair, secretary, outsider, propose):
    first, second = propose("Eerste"), propose("Tweede")
    api.login(secretary.email)
    api.post(f"/api/proposals/{second.id}/decision", json={"decision": "postpone", "note": "Na de zomer."})
    api.post(f"/api/proposals/{first.id}/decision", json={"decision": "decline", "reason": "Dubbel."})
    listed = api.get("/api/bodies/taskforce/proposals")
    assert listed.status_code == 200 and listed.headers["X-Total-Count"] == "2"
    assert {p["title"]: p["note"] for p in listed.get_json()} == {"Eerste": "Dubbel.", "Tweede": "Na de zomer."}
    api.login(chair.email)
    assert [(p["title"], p["note"]) for p in api.get("/api/bodies/taskforce/proposals").get_json()] == [
        ("Tweede", None)]
    api.login(outsider.email)
    assert api.get("/api/bodies/taskforce/proposals").status_code == 403
    assert api.post("/api/bodies/taskforce/proposals", json={"title": "Ook iets"}).status_code == 403
    api.token = None
    assert api.get("/api/bodies/taskforce/proposals").status_code == 401
    assert api.post("/api/bodies/taskforce/proposals", json={"title": "Anoniem"}).status_code == 401
    api.login(member.email)
    assert api.get("/api/bodies/nergens/proposals").status_code == 404
    assert api.post("/api/proposals/999999/decision", json={"decision": "postpone"}).status_code == 404


@pytest.mark.parametrize("body", [{"title": "\x00"}, {"title": "twee\nregels"}, {"title": 5}, {}, []])
def test_bad_proposals_are_400(api, member, body):
    api.login(member.email)
    assert api.post("/api/bodies/taskforce/proposals", json=body).status_code == 400


def test_the_contract_documents_the_operations_and_strict_answers():
    paths = openapi_document()["paths"]
    assert set(paths["/api/bodies/{slug}/proposals"]) == {"get", "post"}
    assert paths["/api/proposals/{proposal_id}/decision"]["post"]["operationId"] == "decideProposal"
    answer = PROPOSAL_SCHEMAS["AgendaProposal"]
    assert answer["additionalProperties"] is False and set(answer["required"]) == set(answer["properties"])
