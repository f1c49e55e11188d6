"""Agenda proposals through the API: a body's proposals, proposing (JSON, or multipart with files),
and the secretary's decision. The same services as the proposal pages."""
from flask import jsonify, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.api import bp
from app.api.helpers import iso, json_body, require_login, text_field
from app.api.pagination import each, paginated
from app.bodies.services import get_body
from app.core.errors import Invalid
from app.proposals import services


def proposal_json(proposal) -> dict:
    """A proposal as the caller may see it: the note (a postponement's note, a decline's reason) and
    the documents only for its proposer and the body's secretariat."""
    whole = services.may_read_whole(current_user, proposal)
    return {
        "id": proposal.id,
        "body": proposal.body.slug,
        "title": proposal.title,
        "description": proposal.description,
        "kind": proposal.kind,
        "state": proposal.state,
        "proposed_by": proposal.proposed_by.name if proposal.proposed_by else None,
        "created_at": iso(proposal.created_at),
        "decided_at": iso(proposal.decided_at),
        "note": proposal.decision_note if whole and proposal.state in ("postponed", "declined") else None,
        "meeting": proposal.meeting_id if proposal.state == "accepted" else None,
        "agenda_item": proposal.agenda_item_id if proposal.state == "accepted" else None,
        "documents": [{"id": document.id, "title": document.title,
                       "url": url_for("documents.show", document_id=document.id)}
                      for document in (services.readable_documents(current_user, proposal) if whole else ())],
        "url": url_for("proposals.show", proposal_id=proposal.id),
    }


@bp.get("/bodies/<slug>/proposals")
def list_body_proposals(slug: str):
    """The pending proposals (members of the body), and the decided ones too (its secretary)."""
    require_login()
    found = services.body_proposals(current_user, get_body(slug))
    return paginated(found.pending + found.decided, each(proposal_json))


@bp.post("/bodies/<slug>/proposals")
def create_proposal(slug: str):
    """JSON {"title", "description?", "kind?"}, or multipart with those fields and files in `file`."""
    user = require_login()
    if request.files or request.mimetype == "multipart/form-data":
        data = request.form
        attachments = [(upload.read(), upload.filename or "") for upload in request.files.getlist("file")]
        if any(name != "file" for name in request.files):
            raise Invalid(_("Verwacht de bestanden in het veld 'file'."))
    else:
        data, attachments = json_body(), []
    fields = {name: text_field(data, name) for name in ("title", "description", "kind")}
    proposal = services.propose_item(user, get_body(slug), fields, attachments)
    return jsonify(proposal_json(proposal)), 201


@bp.post("/proposals/<int:proposal_id>/decision")
def decide_proposal(proposal_id: int):
    """{"decision": "accept", "meeting_id", "presenter?"} | {"decision": "postpone", "note?"} |
    {"decision": "decline", "reason"}; 409 once decided."""
    user = require_login()
    data = json_body()
    proposal = services.get_proposal(user, proposal_id)
    for name in ("decision", "presenter", "note", "reason"):
        text_field(data, name)  # a wrong type is a 400 here, before the service reads it
    return jsonify(proposal_json(services.decide_proposal(user, proposal, data)))
