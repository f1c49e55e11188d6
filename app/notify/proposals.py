"""A proposal decided: a mail to its proposer saying whether it is on an agenda (with the link),
postponed (with the note) or declined (with the reason). Of the kind "meetings": what comes on the
agendas of the user's bodies; who switched that kind off gets no mail. The link leads to the agenda
once the proposer may read it (published), to "Mijn voorstellen" before."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.core.permissions import VIEW, can
from app.meetings.queries import meeting_label
from app.notify.letters import absolute_url, notify
from app.proposals.services import proposal_decided


def _paragraphs(proposal) -> list:
    """Lazy strings: they are rendered in the proposer's language."""
    if proposal.state == "accepted":
        return [_l("Uw voorstel van agendapunt “%(title)s” is aanvaard: het staat op de agenda van %(meeting)s.",
                   title=proposal.title, meeting=meeting_label(proposal.meeting))]
    if proposal.state == "postponed":
        paragraphs = [_l("Uw voorstel van agendapunt “%(title)s” is uitgesteld: het blijft open voor een latere "
                         "vergadering.", title=proposal.title)]
        if proposal.decision_note:
            paragraphs.append(_l("Toelichting van het secretariaat: %(note)s", note=proposal.decision_note))
        return paragraphs
    return [_l("Uw voorstel van agendapunt “%(title)s” is afgewezen.", title=proposal.title),
            _l("Reden: %(reason)s", reason=proposal.decision_note)]


@proposal_decided.connect
def mail_proposer(proposal, user) -> None:
    """Queued in the transaction that records the decision."""
    proposer = proposal.proposed_by
    if proposer is None or proposer.id == getattr(user, "id", None):
        return  # who decides on their own proposal needs no mail about it
    if proposal.state == "accepted" and can(proposer, VIEW, proposal.meeting):
        link = absolute_url("meetings.show", meeting_id=proposal.meeting_id)
        label = _l("De agenda bekijken")
    else:
        link, label = absolute_url("proposals.mine"), _l("Mijn voorstellen")
    title = " ".join(proposal.title.split())
    notify(proposer, "meetings", "notice", lambda: _("Uw voorstel van agendapunt: %(title)s", title=title),
           paragraphs=_paragraphs(proposal), link=link, link_label=label)
