"""An action assigned: a mail to its new owner. A person is mailed directly; an organisation has no
address of its own, so its people in the action's body are mailed (see `contact_persons`)."""
import textwrap

from flask_babel import gettext as _
from sqlalchemy import or_, select

from app.auth.models import User
from app.bodies.models import Membership
from app.core.markdown import markdown_to_text
from app.core.permissions import VIEW, can
from app.decisions.actions import action_assigned
from app.decisions.models import Action
from app.decisions.numbering import decision_reference
from app.extensions import db
from app.meetings.queries import meeting_label
from app.notify.letters import absolute_url, notify


def contact_persons(pairs: set[tuple[int, int]]) -> dict[tuple[int, int], list[User]]:
    """The people of each (body id, organisation id), in one query: the active members of the body
    whose seat there represents the organisation (Membership.organisation_id) or whose account
    belongs to it (User.organisation_id). Organisations have no contact person of their own: the
    people who sit for them in the body are the ones who follow up its actions."""
    if not pairs:
        return {}
    bodies = {body_id for body_id, _organisation in pairs}
    organisations = {organisation_id for _body, organisation_id in pairs}
    rows = db.session.execute(
        select(Membership.body_id, Membership.organisation_id, User)
        .join(User, User.id == Membership.user_id)
        .where(Membership.body_id.in_(bodies), User.active.is_(True),
               or_(Membership.organisation_id.in_(organisations), User.organisation_id.in_(organisations)))
        .order_by(User.name, User.id)).all()
    found: dict[tuple[int, int], list[User]] = {pair: [] for pair in pairs}
    for body_id, seat_organisation_id, user in rows:
        for organisation_id in {seat_organisation_id, user.organisation_id}:
            people = found.get((body_id, organisation_id))
            if people is not None and user not in people:
                people.append(user)
    return found


def owners_to_mail(action: Action) -> list[User]:
    """Who hears about `action`: its owner, or the people of its owning organisation."""
    if action.owner_user is not None:
        return [action.owner_user] if action.owner_user.active else []
    if action.owner_organisation_id:
        pair = (action.body_id, action.owner_organisation_id)
        return contact_persons({pair})[pair]
    return []


def shorten(text: str, width: int = 240) -> str:
    return textwrap.shorten(markdown_to_text(text), width, placeholder=" …")


def origin(action: Action, person: User) -> dict | None:
    """The decision and meeting the action follows from, when `person` may read that decision."""
    decision = action.decision
    if decision is None or not can(person, VIEW, decision):
        return None
    meeting = decision.agenda_item.meeting
    return {"reference": decision_reference(decision), "text": shorten(decision.text),
            "decision_url": absolute_url("decisions.show", decision_id=decision.id),
            "meeting": meeting_label(meeting), "meeting_url": absolute_url("meetings.show", meeting_id=meeting.id)}


def _subject(action: Action) -> str:
    if action.owner_user is None and action.owner_organisation is not None:
        return _("Nieuwe actie voor %(organisation)s: %(title)s", organisation=action.owner_organisation.name,
                 title=action.title)
    return _("Nieuwe actie voor jou: %(title)s", title=action.title)


@action_assigned.connect
def mail_new_owner(action: Action, user) -> None:
    """Queued in the transaction that assigns the action: no mail if that change is rolled back."""
    if not action.is_open:
        return
    organisation = action.owner_organisation if action.owner_user is None else None
    link = absolute_url("actions.show", action_id=action.id)
    for person in owners_to_mail(action):
        if person.id == getattr(user, "id", None):
            continue  # who assigns an action to themselves needs no mail about it
        notify(person, "actions", "action_assigned", lambda: _subject(action), action=action,
               organisation=organisation, origin=origin(action, person), link=link)
