"""The rules of a vote: who may vote (attendance and voting rights), the quorum, the four ways of
voting (per member, counts, unanimous, secret) and the outcome by the body's majority rule."""
from dataclasses import dataclass, field

from flask_babel import gettext as _

from app.auth.models import User
from app.bodies.services import VOTING_ROLES
from app.core.errors import Conflict, Invalid
from app.core.input import parse_int
from app.decisions.models import VOTE_CHOICES
from app.extensions import db
from app.meetings.attendance import quorum, voters
from app.meetings.models import Meeting

#: more votes than any body has members: a typing error, not a count
MAX_COUNT = 10_000


@dataclass
class Ballot:
    """A checked vote, ready to store. `kind` None: the vote is cleared."""
    kind: str | None
    tally: dict[str, int | None]
    #: (voter id, choice, id of the member a substitute stands in for)
    votes: list[tuple[int, str, int | None]] = field(default_factory=list)
    outcome: str | None = None


def decide_outcome(rule: str, voor: int, tegen: int, onthouding: int) -> str:
    """aangenomen or verworpen by a majority rule (Body.majority_rule):

    simple: more for than against, abstentions do not count, a tie rejects; absolute: more for than
    half of all votes cast, abstentions included; two_thirds: at least two thirds of for + against,
    and at least one for."""
    if rule == "absolute":
        passed = 2 * voor > voor + tegen + onthouding
    elif rule == "two_thirds":
        passed = voor > 0 and 3 * voor >= 2 * (voor + tegen)
    else:
        passed = voor > tegen
    return "aangenomen" if passed else "verworpen"


def check_ballot(meeting: Meeting, counts=None, per_member=None, unanimous=False, secret=False) -> Ballot:
    """The vote as asked (one way of voting), checked against the meeting's attendance.

    Bad input or a voter the attendance does not allow: Invalid; no quorum: Conflict. An empty vote
    (no choice, no count) clears it and needs no quorum."""
    ballot = _parse(counts, per_member, unanimous, secret)
    if ballot.kind is None:
        return ballot
    present = voters(meeting)
    reached = quorum(meeting, present)
    if not reached.reached:
        raise Conflict(_("Er is geen quorum: %(present)d van de %(required)d vereiste stemgerechtigde leden zijn "
                         "aanwezig of vervangen. Noteer eerst de aanwezigheden; zonder quorum wordt niet gestemd.",
                         present=reached.present, required=reached.required))
    allowed = {voter.user.id: voter for voter in present}
    if ballot.kind == "unanimous":
        ballot.tally = {"voor": len(allowed), "tegen": 0, "onthouding": 0}
    elif ballot.kind == "per_member":
        for index, (user_id, choice, _replaces) in enumerate(ballot.votes):
            if user_id not in allowed:
                raise Invalid(_why_not_a_voter(meeting, user_id))
            replaces = allowed[user_id].replaces
            ballot.votes[index] = (user_id, choice, replaces.id if replaces is not None else None)
    else:
        cast = sum(ballot.tally.values())
        if cast > len(allowed):
            raise Invalid(_("Er zijn %(cast)d stemmen geteld, maar er zijn maar %(present)d stemgerechtigde leden "
                            "aanwezig of vervangen.", cast=cast, present=len(allowed)))
    ballot.outcome = decide_outcome(meeting.body.majority_rule, **ballot.tally)
    return ballot


def _parse(counts, per_member, unanimous, secret) -> Ballot:
    """The shape of the request: exactly one way of voting, valid choices and numbers."""
    unanimous, secret = _flag(unanimous), _flag(secret)
    if secret and per_member is not None:
        raise Invalid(_("Een geheime stemming kent alleen aantallen, nooit namen."))
    ways = [unanimous, per_member is not None, counts is not None and not secret, secret]
    if sum(bool(way) for way in ways) != 1:
        raise Invalid(_("Kies één manier van stemmen: per lid, de aantallen, eenparig of geheim."))
    if unanimous:
        return Ballot("unanimous", {})
    if per_member is not None:
        return _parse_members(per_member)
    if not isinstance(counts, dict):
        raise Invalid(_("Geef de aantallen voor, tegen en onthouding."))
    unknown = set(counts) - set(VOTE_CHOICES)
    if unknown:
        raise Invalid(_("Een stem is voor, tegen of onthouding."))
    tally = {choice: parse_int(counts.get(choice), str(_label(choice)), 0, MAX_COUNT) for choice in VOTE_CHOICES}
    if all(value is None for value in tally.values()):
        return Ballot(None, tally)
    return Ballot("secret" if secret else "counts", {choice: value or 0 for choice, value in tally.items()})


def _parse_members(per_member) -> Ballot:
    if not isinstance(per_member, dict):
        raise Invalid(_("Geef de stemmen per lid."))
    votes = []
    for user_id, choice in per_member.items():
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            raise Invalid(_("Onbekend lid."))
        if any(user_id == voter for voter, _c, _r in votes):
            raise Invalid(_("Iedereen stemt één keer."))
        if choice in (None, ""):
            continue
        if choice not in VOTE_CHOICES:
            raise Invalid(_("Een stem is voor, tegen of onthouding."))
        votes.append((user_id, choice, None))
    if not votes:
        return Ballot(None, {choice: None for choice in VOTE_CHOICES})
    tally = {choice: sum(1 for _user, c, _r in votes if c == choice) for choice in VOTE_CHOICES}
    return Ballot("per_member", tally, votes)


def _flag(value) -> bool:
    if value in (None, False, "", 0):
        return False
    if value is True:
        return True
    raise Invalid(_("Eenparig en geheim zijn true of false."))


def _label(choice: str) -> str:
    return {"voor": _("Voor"), "tegen": _("Tegen"), "onthouding": _("Onthouding")}[choice]


def _why_not_a_voter(meeting: Meeting, user_id: int) -> str:
    """Why someone may not vote at this meeting, in words the secretary can act on."""
    user = db.session.get(User, user_id)
    if user is None:
        return _("Onbekend lid.")
    membership = next((m for m in meeting.body.memberships if m.user_id == user_id), None)
    if membership is None:
        return _("%(name)s is geen lid van het orgaan en vervangt niemand: geen stem.", name=user.name)
    if membership.role not in VOTING_ROLES:
        return _("%(name)s heeft als %(role)s geen stem (alleen wie een lid vervangt, stemt).",
                 name=user.name, role=membership.role)
    entry = next((a for a in meeting.attendance if a.user_id == user_id), None)
    if entry is not None and entry.substitute is not None:
        return _("%(name)s is niet aanwezig; %(substitute)s stemt als plaatsvervanger.",
                 name=user.name, substitute=entry.substitute.name)
    return _("%(name)s is niet als aanwezig genoteerd en kan niet stemmen.", name=user.name)
