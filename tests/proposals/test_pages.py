"""The proposal pages: the links on the body and meeting pages, proposing with a file, the
secretary's decision forms, and "Mijn voorstellen" with what became of each proposal."""
import io
import re

from app.extensions import db
from app.proposals.models import AgendaProposal


def login(client, email):
    client.logout()
    client.login(email)


def text(response):
    return response.get_data(as_text=True)


def decide(client, proposal, decision, **fields):
    """Post one of the three decision forms of the proposal page (their fields carry a prefix)."""
    token = client.csrf_token(f"/proposals/{proposal.id}")
    data = {f"{decision}-csrf_token": token, **{f"{decision}-{name}": value for name, value in fields.items()}}
    return client.submit(f"/proposals/{proposal.id}/{decision}", data)


def test_links_on_the_body_and_meeting_pages(client, member, secretary, outsider, propose, make_meeting):
    propose()
    meeting = make_meeting(state="agenda_published")
    login(client, member.email)
    for page in ("/bodies/taskforce", f"/meetings/{meeting.id}"):
        html = text(client.get(page))
        assert "Agendapunt voorstellen" in html and "Mijn voorstellen" in html and "Voorstellen (1)" in html
    login(client, secretary.email)
    assert "Voorstellen (1)" in text(client.get("/bodies/taskforce"))
    login(client, outsider.email)
    html = text(client.get("/bodies/taskforce"))
    assert "Agendapunt voorstellen" not in html and "Voorstellen (" not in html
    client.logout()
    assert "Voorstellen (" not in text(client.get("/bodies/taskforce"))


def test_a_member_proposes_with_a_file_and_sees_it_open(client, member):
    login(client, member.email)
    assert client.get("/bodies/taskforce/proposals/new").status_code == 200
    response = client.submit("/bodies/taskforce/proposals/new", {
        "title": "Deelfietsen in Tienen", "description": "Een **proef** met deelfietsen.",
        "kind": "ter_beslissing", "files": (io.BytesIO(b"Nota over deelfietsen."), "nota.txt")},
        content_type="multipart/form-data")
    assert response.status_code == 302 and response.headers["Location"].endswith("/proposals/mine")
    mine = text(client.get("/proposals/mine"))
    assert "Deelfietsen in Tienen" in mine and "open" in mine and "nog niet beslist" in mine
    proposal = db.session.scalar(db.select(AgendaProposal))
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert "<strong>proef</strong>" in page and "nota.txt" in page
    assert "Aanvaarden" not in page  # no decision forms for the proposer


def test_bad_input_is_a_form_message(client, member):
    login(client, member.email)
    response = client.submit("/bodies/taskforce/proposals/new", {
        "title": "Met een programma", "files": (io.BytesIO(b"MZ\x90\x00"), "setup.exe")},
        content_type="multipart/form-data")
    assert response.status_code == 400 and "PDF-, DOCX-" in text(response)
    response = client.submit("/bodies/taskforce/proposals/new", {"title": ""})
    assert response.status_code == 400 and "Een titel is verplicht." in text(response)
    assert db.session.scalar(db.select(AgendaProposal)) is None


def test_strangers_may_not_propose_nor_read(client, outsider, propose):
    proposal = propose()
    login(client, outsider.email)
    assert client.get("/bodies/taskforce/proposals/new").status_code == 403
    assert client.get(f"/proposals/{proposal.id}").status_code == 403
    assert client.get("/bodies/taskforce/proposals").status_code == 403
    client.logout()
    assert client.get(f"/proposals/{proposal.id}").status_code == 302  # sign in first


def test_the_secretary_accepts_and_the_member_sees_the_link(client, member, secretary, propose, make_meeting):
    meeting = make_meeting(title="Taskforce juni", state="agenda_published")
    proposal = propose("Fietssnelweg F25", description="Stand van zaken.")
    login(client, secretary.email)
    listing = text(client.get("/bodies/taskforce/proposals"))
    assert "Fietssnelweg F25" in listing and "Open voorstellen" in listing
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert "Taskforce juni" in page and f'value="{member.name}"' in page  # the proposer presents by default
    response = decide(client, proposal, "accept", meeting=str(meeting.id), presenter=member.name)
    assert response.status_code == 302
    agenda = text(client.get(f"/meetings/{meeting.id}"))
    assert "Fietssnelweg F25" in agenda
    login(client, member.email)
    mine = text(client.get("/proposals/mine"))
    assert "aanvaard" in mine and f'/meetings/{meeting.id}#item-{proposal.agenda_item_id}' in mine
    assert "Taskforce juni" in mine


def test_decline_without_reason_is_refused_then_with_reason_shown_to_the_member(client, member, secretary, propose,
                                                                                 chair):
    proposal = propose("Tolvrije Ring")
    login(client, secretary.email)
    response = decide(client, proposal, "decline", reason="")
    assert response.status_code == 302
    assert "De reden is verplicht." in text(client.get(response.headers["Location"]))
    db.session.expire_all()
    assert proposal.state == "open"
    decide(client, proposal, "decline", reason="Federale bevoegdheid.")
    again = decide(client, proposal, "postpone", note="")
    assert again.status_code == 302
    assert "Over dit voorstel werd al beslist: het is afgewezen." in text(client.get(again.headers["Location"]))
    db.session.expire_all()
    assert proposal.state == "declined"
    login(client, member.email)
    mine = text(client.get("/proposals/mine"))
    assert "afgewezen" in mine and "Federale bevoegdheid." in mine
    login(client, chair.email)  # another member: the reason is not theirs
    assert client.get(f"/proposals/{proposal.id}").status_code == 403


def test_postpone_keeps_it_open_with_the_note(client, member, secretary, propose, chair):
    proposal = propose("Bedrijventerrein Haasrode")
    login(client, secretary.email)
    decide(client, proposal, "postpone", note="Eerst het mobiliteitsplan.")
    login(client, member.email)
    mine = text(client.get("/proposals/mine"))
    assert "uitgesteld" in mine and "Eerst het mobiliteitsplan." in mine
    login(client, chair.email)
    page = text(client.get(f"/proposals/{proposal.id}"))
    assert "Bedrijventerrein Haasrode" in page and "Eerst het mobiliteitsplan." not in page
    assert "Beslissen" not in page


def test_no_link_to_an_agenda_the_member_may_not_read_yet(client, member, secretary, propose, make_meeting):
    meeting = make_meeting(title="Taskforce juli")  # planned: its draft agenda is the secretariat's
    proposal = propose("Kernversterking in Diest")
    login(client, secretary.email)
    decide(client, proposal, "accept", meeting=str(meeting.id))
    login(client, member.email)
    mine = text(client.get("/proposals/mine"))
    assert "Taskforce juli (de agenda is nog niet gepubliceerd)" in mine and f"/meetings/{meeting.id}" not in mine
