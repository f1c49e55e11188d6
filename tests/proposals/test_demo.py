"""The demo's agenda proposal: one open proposal of a Taskforce member, with a file; idempotent."""
from app.extensions import db
from app.proposals.demo import TITLE, seed_demo_proposals
from app.proposals.models import AgendaProposal


def test_one_open_proposal_from_a_taskforce_member(seeded, request_ctx):
    seed_demo_proposals()
    seed_demo_proposals()
    [proposal] = db.session.scalars(db.select(AgendaProposal)).all()
    assert (proposal.title, proposal.state, proposal.body.slug) == (TITLE, "open", "taskforce")
    assert proposal.proposed_by.name == "Arno Claes"
    assert [d.current_file.filename for d in proposal.documents] == ["nota-acv-knelpuntberoepen.txt"]
    assert "ACV" in proposal.documents[0].current_file.extracted_text
