"""The agenda proposals' part of the API contract: their operations and schemas, merged into
/api/openapi.json by app/api/openapi.py."""
from app.api.openapi_paths import WRITE, operation, path_id
from app.api.openapi_schemas import (
    DATETIME, ID, STR, answer, array, enum, line, nullable, ref, request_object, text,
)
from app.bodies.models import AGENDA_ITEM_KINDS
from app.meetings.agenda import MAX_TITLE as MAX_ITEM_TITLE
from app.proposals.models import PROPOSAL_STATES
from app.proposals.services import DECISIONS, MAX_DESCRIPTION, MAX_NOTE

SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}

PROPOSAL = answer({
    "id": ID, "body": STR, "title": STR, "description": STR, "kind": enum(AGENDA_ITEM_KINDS),
    "state": enum(PROPOSAL_STATES), "proposed_by": nullable(STR), "created_at": DATETIME,
    "decided_at": nullable(DATETIME),
    # a postponement's note or a decline's reason; null for members other than the proposer
    "note": nullable(STR),
    "meeting": nullable(ID), "agenda_item": nullable(ID),
    "documents": array(answer({"id": ID, "title": STR, "url": STR})), "url": STR,
})

_FIELDS = {"title": line(MAX_ITEM_TITLE, minLength=1), "description": text(MAX_DESCRIPTION),
           "kind": enum(AGENDA_ITEM_KINDS)}

PROPOSAL_SCHEMAS = {
    "AgendaProposal": PROPOSAL,
    "NewProposal": request_object(_FIELDS, ("title",)),
    "NewProposalWithFiles": {"type": "object", "required": ["title"], "properties": {
        **_FIELDS, "file": array({"type": "string", "contentMediaType": "application/octet-stream"}),
    }},
    "ProposalDecision": request_object({
        "decision": enum(DECISIONS), "meeting_id": ID, "presenter": line(200), "note": text(MAX_NOTE),
        "reason": text(MAX_NOTE, description="Required to decline."),
    }, ("decision",)),
}

LINKS = {"DecideProposal": {"operationId": "decideProposal", "parameters": {"proposal_id": "$response.body#/id"}}}

PROPOSAL_PATHS = {
    "/api/bodies/{slug}/proposals": {
        "get": operation("listBodyProposals", "A body's agenda proposals: the pending ones for its members, "
                         "the decided ones too for its secretary.", "proposals", array(ref("AgendaProposal")),
                         login=True, errors=(403, 404), paged=True, parameters=(SLUG,)),
        "post": operation("createProposal", "A member proposes an agenda item (JSON, or multipart with files "
                          "in `file`).", "proposals", ref("AgendaProposal"), status=201, login=True,
                          body={"application/json": {"schema": ref("NewProposal")},
                                "multipart/form-data": {"schema": ref("NewProposalWithFiles")}},
                          errors=(403, 404), parameters=(SLUG,), links=LINKS),
    },
    "/api/proposals/{proposal_id}/decision": {"post": operation(
        "decideProposal", "The secretary accepts the proposal onto a meeting, postpones it or declines it "
        "with a reason (409 once decided).", "proposals", ref("AgendaProposal"), login=True,
        body="ProposalDecision", errors=WRITE, parameters=(path_id("proposal_id"),))},
}
