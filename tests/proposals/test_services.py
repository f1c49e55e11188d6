"""The rules of agenda proposals: who proposes, who decides, who reads what, and what accepting,
postponing and declining do (an item through the agenda service, the documents with it)."""
import os
from email import message_from_bytes, policy

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from app.bodies.services import get_body
from app.core.errors import Conflict, Invalid, NotAllowed, NotFound, Unauthenticated
from app.core.permissions import VIEW, can
from app.documents import files
from app.extensions import db
from app.mail.models import OutgoingMail
from app.notify.preferences import update_preferences
from app.proposals import services


def test_a_member_proposes_with_a_file_kept_private_to_proposer_and_secretary(
        propose, member, secretary, chair, outsider, samples):
    proposal = propose("Pendelbussen naar Haasrode", description="Zie **nota**.", kind="ter_beslissing",
                       files=[(samples.pdf("Pendelbussen tussen station en bedrijventerrein"), "nota.pdf")])
    assert (proposal.state, proposal.kind, proposal.proposed_by_id) == ("open", "ter_beslissing", member.id)
    [document] = proposal.documents
    assert (document.kind, document.state, document.body_id) == ("file", "private", get_body("taskforce").id)
    assert document.current_file.extracted_text.startswith("Pendelbussen")
    assert files.path_of(document.current_file.storage_name).exists()
    assert can(member, VIEW, document) and can(secretary, VIEW, document)
    assert not can(chair, VIEW, document) and not can(outsider, VIEW, document)


def test_uploads_are_checked_like_every_upload_and_nothing_is_kept(propose, app, samples):
    with pytest.raises(Invalid, match="PDF-, DOCX-"):
        propose(files=[(samples.pdf("ok"), "nota.pdf"), (b"MZ\x90\x00binary", "virus.exe")])
    with pytest.raises(Invalid, match="leeg"):
        propose(files=[(b"", "leeg.txt")])
    assert db.session.scalars(select(services.AgendaProposal)).all() == []
    uploads = app.config["UPLOAD_PATH"]
    assert not os.path.exists(uploads) or not any(files_ for _r, _d, files_ in os.walk(uploads))


def test_only_members_of_the_body_propose(propose, outsider, other_secretary, admin, chair, secretary):
    for stranger in (outsider, other_secretary, admin):
        with pytest.raises(NotAllowed):
            propose(user=stranger)
    assert propose(user=chair).state == "open"  # a chair and a secretary hold a seat too
    assert propose(user=secretary).state == "open"


def test_title_is_required_and_kind_must_be_known(propose):
    with pytest.raises(Invalid, match="titel"):
        propose(title="  ")
    with pytest.raises(Invalid, match="soort"):
        propose(kind="ter_verbranding")


def test_who_reads_what(propose, member, secretary, chair, outsider, admin, make_user):
    proposal = propose()
    colleague = make_user(memberships={"taskforce": "waarnemer"})
    for reader in (member, secretary, admin, chair, colleague):
        assert services.get_proposal(reader, proposal.id) == proposal
    assert services.may_read_whole(member, proposal) and services.may_read_whole(secretary, proposal)
    assert not services.may_read_whole(chair, proposal)  # other members: the pending ones, not the whole
    with pytest.raises(NotAllowed):
        services.get_proposal(outsider, proposal.id)
    with pytest.raises(NotFound):
        services.get_proposal(member, proposal.id + 1000)
    services.decline_proposal(secretary, proposal, "Geen bevoegdheid van de Taskforce.")
    with pytest.raises(NotAllowed):  # once decided, only proposer and secretariat
        services.get_proposal(chair, proposal.id)
    assert services.get_proposal(member, proposal.id).state == "declined"


def test_body_proposals_for_members_and_the_secretary(propose, member, secretary, chair, outsider):
    first, second = propose("Eerste"), propose("Tweede")
    services.decline_proposal(secretary, second, "Dubbel met het eerste.")
    body = get_body("taskforce")
    seen = services.body_proposals(chair, body)
    assert ([p.title for p in seen.pending], seen.decided, seen.may_decide) == (["Eerste"], [], False)
    full = services.body_proposals(secretary, body)
    assert [p.title for p in full.decided] == ["Tweede"] and full.may_decide
    assert services.pending_count(body) == 1
    with pytest.raises(NotAllowed):
        services.body_proposals(outsider, body)
    with pytest.raises(Unauthenticated):
        services.body_proposals(AnonymousUserMixin(), body)
    assert [p.id for p in services.my_proposals(member)] == [second.id, first.id]


def test_accepting_puts_an_item_with_the_documents_on_the_meeting(propose, member, secretary, make_meeting, samples):
    meeting = make_meeting(days=10)
    before = len(meeting.items)
    proposal = propose("Pendelbussen naar Haasrode", description="Een *proef* van 6 maanden.",
                       files=[(samples.docx("Nota pendelbussen"), "nota.docx")])
    services.accept_proposal(secretary, proposal, meeting.id)
    db.session.expire_all()
    assert proposal.state == "accepted" and proposal.decided_by_id == secretary.id
    item = proposal.agenda_item
    assert item.meeting_id == meeting.id and len(meeting.items) == before + 1
    assert (item.title, item.description, item.kind, item.presenter) == (
        "Pendelbussen naar Haasrode", "Een *proef* van 6 maanden.", "ter_bespreking", member.name)
    [document] = proposal.documents
    assert (document.agenda_item_id, document.meeting_id, document.state) == (item.id, meeting.id, "internal")


def test_accepting_with_another_presenter(propose, secretary, make_meeting):
    meeting = make_meeting()
    proposal = services.accept_proposal(secretary, propose(), meeting.id, presenter="Vera Voorzitter")
    assert proposal.agenda_item.presenter == "Vera Voorzitter"


def test_accepting_needs_an_open_agenda_of_the_same_body(propose, secretary, make_meeting):
    proposal = propose()
    held = make_meeting(state="held")
    other = make_meeting(body="burgemeestersoverleg")
    with pytest.raises(Conflict, match="ligt vast"):
        services.accept_proposal(secretary, proposal, held.id)
    with pytest.raises(Invalid):
        services.accept_proposal(secretary, proposal, other.id)
    with pytest.raises(Invalid):
        services.accept_proposal(secretary, proposal, "abc")
    db.session.expire_all()
    assert proposal.state == "open" and proposal.agenda_item_id is None


def test_only_the_bodys_secretary_and_the_beheerder_decide(propose, member, chair, other_secretary, admin,
                                                          make_meeting):
    meeting = make_meeting()
    proposal = propose()
    for stranger in (member, chair, other_secretary):
        with pytest.raises(NotAllowed):
            services.accept_proposal(stranger, proposal, meeting.id)
        with pytest.raises(NotAllowed):
            services.decline_proposal(stranger, proposal, "Nee.")
    assert services.postpone_proposal(admin, proposal).state == "postponed"


def test_decline_needs_a_reason(propose, secretary):
    proposal = propose()
    with pytest.raises(Invalid, match="reden"):
        services.decline_proposal(secretary, proposal, "   ")
    services.decline_proposal(secretary, proposal, "Hoort thuis in het Burgemeestersoverleg.")
    assert (proposal.state, proposal.decision_note) == ("declined", "Hoort thuis in het Burgemeestersoverleg.")


def test_postponed_stays_pending_and_can_be_accepted_later(propose, secretary, make_meeting):
    proposal = propose()
    services.postpone_proposal(secretary, proposal, "Na de zomer.")
    assert proposal.is_pending and proposal.decision_note == "Na de zomer."
    services.postpone_proposal(secretary, proposal)  # postponed once more: still waiting
    services.accept_proposal(secretary, proposal, make_meeting().id)
    assert proposal.state == "accepted"


@pytest.mark.parametrize("first", ["accept", "decline"])
@pytest.mark.parametrize("second", ["accept", "postpone", "decline"])
def test_a_decided_proposal_is_not_decided_again(propose, secretary, make_meeting, first, second):
    meeting = make_meeting()
    proposal = propose()
    data = {"meeting_id": meeting.id, "reason": "Zie verslag."}
    services.decide_proposal(secretary, proposal, {"decision": first, **data})
    items = len(meeting.items)
    with pytest.raises(Conflict) as refused:
        services.decide_proposal(secretary, proposal, {"decision": second, **data})
    assert refused.value.status == 409
    db.session.expire_all()
    assert proposal.state == {"accept": "accepted", "decline": "declined"}[first]
    assert len(meeting.items) == items  # no second item


def test_an_unknown_decision_is_refused(propose, secretary):
    with pytest.raises(Invalid):
        services.decide_proposal(secretary, propose(), {"decision": "archive"})


def test_the_proposer_is_mailed_the_decision_unless_switched_off(propose, member, secretary, make_meeting, app):
    app.config["BASE_URL"] = "https://spitsregio.test"
    meeting = make_meeting(state="agenda_published")
    services.accept_proposal(secretary, propose("Fietssnelweg F25"), meeting.id)
    services.decline_proposal(secretary, propose("Tweede voorstel"), "Valt buiten de actielijnen.")
    mails = db.session.scalars(select(OutgoingMail).where(OutgoingMail.recipient == member.email,
                                                          OutgoingMail.subject.like("Uw voorstel%"))
                               .order_by(OutgoingMail.id)).all()
    assert [mail.subject for mail in mails] == ["Uw voorstel van agendapunt: Fietssnelweg F25",
                                                "Uw voorstel van agendapunt: Tweede voorstel"]
    accepted, declined = (message_from_bytes(mail.message, policy=policy.default).get_body(("plain",)).get_content()
                          for mail in mails)
    assert f"https://spitsregio.test/meetings/{meeting.id}" in accepted and "aanvaard" in accepted
    assert "Valt buiten de actielijnen." in declined
    update_preferences(member, {"meetings": False})
    services.postpone_proposal(secretary, propose("Derde"))
    assert db.session.scalar(select(OutgoingMail).where(OutgoingMail.subject.like("%Derde%"))) is None
