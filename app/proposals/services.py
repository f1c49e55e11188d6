"""The rules of agenda proposals: who proposes (the body's members), who decides (its secretary and
the beheerder), who reads what, and what accepting, postponing and declining do.

Who reads a proposal: its proposer, the body's secretary and the beheerder read it whole (the
documents, the secretary's note or reason). The body's other members see the pending ones (title,
description, proposer): what is coming to their agenda is a matter of the body, and seeing it keeps
two members from proposing the same point. They never see a decline's reason, which is addressed to
the proposer, nor the documents, which stay private to proposer and secretariat until the proposal
is accepted: then they are attached to the new agenda item and shared with the body (internal).
"""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func

from app.bodies.models import AGENDA_ITEM_KINDS, Body
from app.core.errors import Conflict, Invalid, NotAllowed, NotFound, Unauthenticated
from app.core.hooks import Hook
from app.core.input import MAX_ID, clean_text
from app.core.locking import lock_for_writing
from app.core.permissions import BODY_ROLES, EDIT, VIEW, can, is_anonymous, roles_in
from app.core.timeutil import utcnow
from app.core.versions import record_version
from app.core.workflow import CONTENT_WORKFLOW, apply_transition
from app.documents import files, uploads
from app.documents.models import Document
from app.extensions import db
from app.meetings.agenda import MAX_TITLE, place_item
from app.meetings.models import Meeting
from app.meetings.queries import EDITABLE_STATES
from app.proposals.models import PENDING_STATES, AgendaProposal

MAX_DESCRIPTION = 20_000
MAX_NOTE = 2_000
MAX_FILES = 10
DEFAULT_KIND = "ter_bespreking"
DECISIONS = ("accept", "postpone", "decline")

#: fired with (proposal, user) when the secretary accepts, postpones or declines a proposal, inside
#: the transaction that records it (app/notify/proposals.py mails the proposer)
proposal_decided = Hook("proposal_decided")


# --- who may do what -----------------------------------------------------------------------------

def is_member(user, body: Body) -> bool:
    """Does `user` hold a seat in `body` (any role: lid, waarnemer, plaatsvervanger, chair, secretary)?"""
    return not is_anonymous(user) and bool(roles_in(user, body.id) & BODY_ROLES)


def may_propose(user, body: Body) -> bool:
    return is_member(user, body)


def may_decide(user, body: Body) -> bool:
    """The body's secretary and the beheerder decide (EDIT: they edit the body's agendas)."""
    return not is_anonymous(user) and can(user, EDIT, body)


def may_read_whole(user, proposal: AgendaProposal) -> bool:
    """The proposer, the body's secretary and the beheerder: the note, the reason, the documents."""
    return can(user, VIEW, proposal)


def _may_read(user, proposal: AgendaProposal) -> bool:
    return may_read_whole(user, proposal) or (proposal.is_pending and is_member(user, proposal.body))


# --- reading -------------------------------------------------------------------------------------

def get_proposal(user, proposal_id: int) -> AgendaProposal:
    proposal = db.session.get(AgendaProposal, proposal_id) if 0 < proposal_id <= MAX_ID else None
    if proposal is None:
        raise NotFound(_("Dit voorstel bestaat niet."))
    if is_anonymous(user):
        raise Unauthenticated(_("Aanmelden is nodig."))
    if not _may_read(user, proposal):
        raise NotAllowed(_("U hebt geen toegang tot dit voorstel."))
    return proposal


@dataclass
class BodyProposals:
    """A body's proposals as `user` sees them: the pending ones, and for the secretary also the
    decided ones and the meetings a proposal can go onto."""
    body: Body
    pending: list[AgendaProposal]
    may_decide: bool
    decided: list[AgendaProposal] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)


def body_proposals(user, body: Body, decided_limit: int = 50) -> BodyProposals:
    deciding = may_decide(user, body)
    if not (deciding or is_member(user, body)):
        if is_anonymous(user):
            raise Unauthenticated(_("Aanmelden is nodig."))
        raise NotAllowed(_("Alleen de leden van %(body)s zien de voorstellen van agendapunten.", body=body.name))
    query = db.select(AgendaProposal).where(AgendaProposal.body_id == body.id)
    pending = db.session.scalars(query.where(AgendaProposal.state.in_(PENDING_STATES))
                                 .order_by(AgendaProposal.created_at, AgendaProposal.id)).all()
    result = BodyProposals(body=body, pending=list(pending), may_decide=deciding)
    if deciding:
        result.decided = list(db.session.scalars(
            query.where(AgendaProposal.state.not_in(PENDING_STATES))
            .order_by(AgendaProposal.decided_at.desc(), AgendaProposal.id.desc()).limit(decided_limit)))
        result.meetings = meetings_open_for(body)
    return result


def my_proposals(user) -> list[AgendaProposal]:
    """Everything `user` proposed, newest first."""
    if is_anonymous(user):
        raise Unauthenticated(_("Aanmelden is nodig."))
    return list(db.session.scalars(
        db.select(AgendaProposal).where(AgendaProposal.proposed_by_id == user.id)
        .order_by(AgendaProposal.created_at.desc(), AgendaProposal.id.desc())))


def pending_count(body: Body) -> int:
    return db.session.scalar(db.select(func.count(AgendaProposal.id)).where(
        AgendaProposal.body_id == body.id, AgendaProposal.state.in_(PENDING_STATES))) or 0


def meetings_open_for(body: Body) -> list[Meeting]:
    """The body's coming meetings whose agenda still takes items, soonest first."""
    return list(db.session.scalars(
        db.select(Meeting).where(Meeting.body_id == body.id, Meeting.state.in_(EDITABLE_STATES),
                                 Meeting.start_at > utcnow())
        .order_by(Meeting.start_at, Meeting.id)))


def readable_documents(user, proposal: AgendaProposal) -> list[Document]:
    return [document for document in proposal.documents if can(user, VIEW, document)]


# --- proposing -----------------------------------------------------------------------------------

def _kind(value) -> str:
    if value in (None, ""):
        return DEFAULT_KIND
    if value not in AGENDA_ITEM_KINDS:
        raise Invalid(_("Onbekende soort agendapunt: kies ter informatie, ter bespreking of ter beslissing."))
    return value


def _attach_file(user, proposal: AgendaProposal, data: bytes, filename: str) -> str:
    """A private file document of the proposer in the body, checked as every upload is; returns
    its storage name (to remove again when the commit fails)."""
    document = Document(
        kind="file", title=files.clean_filename(filename), body_id=proposal.body_id,
        state=CONTENT_WORKFLOW.initial, created_by_id=user.id,
        description=_("Meegestuurd met het voorstel van agendapunt “%(title)s”.", title=proposal.title),
    )
    stored = uploads.add_file(user, document, data, filename)
    proposal.documents.append(document)
    return stored.storage_name


def propose_item(user, body: Body, data: dict, attachments=()) -> AgendaProposal:
    """A member proposes an agenda item: `data` has title, description (Markdown) and kind;
    `attachments` are (bytes, file name) pairs."""
    if is_anonymous(user):
        raise Unauthenticated(_("Aanmelden is nodig."))
    if not may_propose(user, body):
        raise NotAllowed(_("Alleen de leden van %(body)s stellen er agendapunten voor.", body=body.name))
    attachments = list(attachments)
    if len(attachments) > MAX_FILES:
        raise Invalid(_("Hoogstens %(n)d bestanden bij een voorstel.", n=MAX_FILES))
    proposal = AgendaProposal(
        body_id=body.id, proposed_by_id=user.id, state="open",
        title=clean_text(data.get("title"), _("De titel"), MAX_TITLE, required=True, line=True),
        description=clean_text(data.get("description"), _("De beschrijving"), MAX_DESCRIPTION),
        kind=_kind(data.get("kind")),
    )
    db.session.add(proposal)
    with uploads.files_in_one_commit() as stored:
        for content, filename in attachments:
            stored.append(_attach_file(user, proposal, content, filename))
        db.session.flush()
        for document in proposal.documents:
            record_version("document", document.id, {"title": document.title, "file": document.current_file.filename},
                           user, _("Aangemaakt"))
    return proposal


# --- deciding ------------------------------------------------------------------------------------

def state_title(state: str) -> str:
    titles = {"open": _("open"), "postponed": _("uitgesteld"), "accepted": _("aanvaard"), "declined": _("afgewezen")}
    return titles.get(state, state)


def _require_decider(user, proposal: AgendaProposal) -> None:
    if is_anonymous(user):
        raise Unauthenticated(_("Aanmelden is nodig."))
    if not may_decide(user, proposal.body):
        raise NotAllowed(_("Alleen het secretariaat van %(body)s beslist over voorstellen.", body=proposal.body.name))


def _record_decision(user, proposal: AgendaProposal, state: str, note: str = "") -> None:
    """Lock the proposal, check that it still waits for a decision, and record this one: of two
    secretaries deciding at once, the second gets a 409."""
    lock_for_writing(proposal, _("Dit voorstel werd intussen verwijderd."))
    if not proposal.is_pending:
        raise Conflict(_("Over dit voorstel werd al beslist: het is %(state)s.", state=state_title(proposal.state)))
    proposal.state, proposal.decision_note = state, note
    proposal.decided_by_id, proposal.decided_at = user.id, utcnow()


def _target_meeting(proposal: AgendaProposal, meeting_id) -> Meeting:
    if isinstance(meeting_id, bool) or not isinstance(meeting_id, int | str) or not str(meeting_id).isdigit():
        raise Invalid(_("Kies de vergadering waarop het punt komt."))
    number = int(meeting_id)
    meeting = db.session.get(Meeting, number) if 0 < number <= MAX_ID else None
    if meeting is None or meeting.body_id != proposal.body_id:
        raise Invalid(_("Kies een vergadering van %(body)s.", body=proposal.body.name))
    if meeting.state not in EDITABLE_STATES:
        raise Conflict(_("De agenda van deze vergadering ligt vast: kies een komende vergadering."))
    return meeting


def accept_proposal(user, proposal: AgendaProposal, meeting_id, presenter: str | None = None) -> AgendaProposal:
    """Put the proposal on the agenda of `meeting_id` through the agenda service, the proposer as
    presenter unless another is named; its documents go with the item, shared with the body."""
    _require_decider(user, proposal)
    meeting = _target_meeting(proposal, meeting_id)
    proposer = proposal.proposed_by
    presenter = clean_text(presenter, _("De toelichter"), 200, line=True) or (proposer.name[:200] if proposer else "")
    try:  # the decision, the mail, the new item and its documents in one transaction
        _record_decision(user, proposal, "accepted")
        proposal.meeting = meeting
        proposal_decided.send(proposal, user)
        item = place_item(user, meeting, {"title": proposal.title, "description": proposal.description,
                                          "kind": proposal.kind, "presenter": presenter})
        proposal.agenda_item_id = item.id
        for document in proposal.documents:
            document.meeting_id, document.agenda_item_id = meeting.id, item.id
            if document.state == "private":
                apply_transition(CONTENT_WORKFLOW, document, "share", user,
                                 _("Bij het aanvaarde voorstel van agendapunt."), object_type="document")
    except Exception:
        db.session.rollback()
        raise
    db.session.commit()
    return proposal


def postpone_proposal(user, proposal: AgendaProposal, note: str = "") -> AgendaProposal:
    """Not on this agenda: the proposal stays pending for a later meeting, with an optional note."""
    _require_decider(user, proposal)
    note = clean_text(note, _("De toelichting"), MAX_NOTE)
    _record_decision(user, proposal, "postponed", note)
    proposal_decided.send(proposal, user)
    db.session.commit()
    return proposal


def decline_proposal(user, proposal: AgendaProposal, reason: str) -> AgendaProposal:
    """Decline the proposal; the proposer reads the reason, which is required."""
    _require_decider(user, proposal)
    reason = clean_text(reason, _("De reden"), MAX_NOTE, required=True)
    _record_decision(user, proposal, "declined", reason)
    proposal_decided.send(proposal, user)
    db.session.commit()
    return proposal


def decide_proposal(user, proposal: AgendaProposal, data: dict) -> AgendaProposal:
    """One decision as the API and the decision form send it: {"decision": accept | postpone |
    decline, "meeting_id" (accept), "presenter"? (accept), "reason" (decline), "note"? (postpone)}."""
    decision = data.get("decision")
    if decision == "accept":
        return accept_proposal(user, proposal, data.get("meeting_id"), data.get("presenter"))
    if decision == "postpone":
        return postpone_proposal(user, proposal, data.get("note"))
    if decision == "decline":
        return decline_proposal(user, proposal, data.get("reason"))
    raise Invalid(_("Kies aanvaarden, uitstellen of afwijzen."))
