"""Proposal pages: propose an item, a body's proposals, one proposal with the secretary's decision
forms, and "Mijn voorstellen"."""
from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from app.bodies.services import get_body
from app.core.errors import NotAllowed
from app.core.forms import form_page, submit_and_flash
from app.core.permissions import is_anonymous
from app.meetings.queries import meeting_label
from app.proposals import bp, services
from app.proposals.forms import AcceptForm, DeclineForm, PostponeForm, ProposalForm


@bp.app_context_processor
def proposal_helpers():
    """`proposal_links(body)` for the body and meeting pages: may the user propose, and how many
    proposals wait (None for those who may not see them)."""
    return {"proposal_links": _links}


def _links(body) -> dict | None:
    if is_anonymous(current_user):
        return None
    member = services.is_member(current_user, body)
    seen = member or services.may_decide(current_user, body)
    return {"may_propose": services.may_propose(current_user, body),
            "pending": services.pending_count(body) if seen else None}


@bp.route("/bodies/<slug>/proposals/new", methods=["GET", "POST"])
@login_required
def new(slug: str):
    body = get_body(slug)
    if not services.may_propose(current_user, body):
        raise NotAllowed(_("Alleen de leden van %(body)s stellen er agendapunten voor.", body=body.name))
    form = ProposalForm()
    return form_page(
        "proposals/new.html", form,
        lambda: services.propose_item(current_user, body, {
            "title": form.title.data, "description": form.description.data, "kind": form.kind.data,
        }, form.attachments()),
        _("Uw voorstel is ingediend. Het secretariaat beslist of het op de agenda komt."),
        url_for("proposals.mine"), body=body)


@bp.get("/bodies/<slug>/proposals")
@login_required
def body_list(slug: str):
    found = services.body_proposals(current_user, get_body(slug))
    return render_template("proposals/body.html", found=found, body=found.body, state_title=services.state_title)


@bp.get("/proposals/mine")
@login_required
def mine():
    return render_template("proposals/mine.html", proposals=services.my_proposals(current_user),
                           state_title=services.state_title, meeting_label=meeting_label)


def _decision_forms(proposal) -> dict:
    accept = AcceptForm(prefix="accept")
    accept.meeting.choices = [SelectChoice(str(m.id), meeting_label(m)) for m in services.meetings_open_for(proposal.body)]
    if proposal.proposed_by is not None and not accept.presenter.data:
        accept.presenter.data = proposal.proposed_by.name
    return {"accept": accept, "postpone": PostponeForm(prefix="postpone"), "decline": DeclineForm(prefix="decline")}


@bp.get("/proposals/<int:proposal_id>")
@login_required
def show(proposal_id: int):
    proposal = services.get_proposal(current_user, proposal_id)
    deciding = proposal.is_pending and services.may_decide(current_user, proposal.body)
    return render_template(
        "proposals/show.html", proposal=proposal, whole=services.may_read_whole(current_user, proposal),
        documents=services.readable_documents(current_user, proposal), state_title=services.state_title,
        forms=_decision_forms(proposal) if deciding else None, meeting_label=meeting_label)


@bp.post("/proposals/<int:proposal_id>/<any(accept, postpone, decline):decision>")
@login_required
def decide(proposal_id: int, decision: str):
    proposal = services.get_proposal(current_user, proposal_id)
    form = _decision_forms(proposal)[decision]
    data = {"decision": decision, **{name: value for name, value in form.data.items()
                                      if name in ("presenter", "note", "reason")}}
    if decision == "accept":
        data["meeting_id"] = form.meeting.data
    messages = {"accept": _("Het voorstel is aanvaard en staat op de agenda."),
                "postpone": _("Het voorstel is uitgesteld; het blijft open voor een latere vergadering."),
                "decline": _("Het voorstel is afgewezen.")}
    result = submit_and_flash(form, lambda: services.decide_proposal(current_user, proposal, data), messages[decision])
    if result.ok:
        return redirect(url_for("proposals.body_list", slug=proposal.body.slug))
    return redirect(url_for("proposals.show", proposal_id=proposal.id))
