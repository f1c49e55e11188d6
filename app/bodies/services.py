"""Rules for bodies, organisations, memberships, fixed agenda items and action lines."""
import re
from typing import Callable

from flask_babel import gettext as _

from app.auth.models import User
from app.bodies.models import (
    AGENDA_ITEM_KINDS, MAJORITY_RULES, MEMBERSHIP_ROLES, ORGANISATION_KINDS, ActionLine, Body, FixedAgendaItem,
    Membership, Organisation,
)
from app.core.errors import Conflict, DomainError, Invalid, NotFound
from app.core.permissions import MANAGE, require
from app.core.text import slugify
from app.extensions import db

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: the roles that carry a vote and count for the quorum: secretaries are staff; observers and
#: substitutes (plaatsvervangers) vote only when they stand in for an excused member
VOTING_ROLES = ("voorzitter", "lid")


# --- reading -------------------------------------------------------------------------------------

def _all(model, *order_by) -> list:
    return db.session.scalars(db.select(model).order_by(*order_by)).all()


def _one(model, refusal: Callable[[], DomainError], **where):
    """The `model` row matching `where`; without one, raise `refusal()`."""
    found = db.session.scalar(db.select(model).filter_by(**where))
    if found is None:
        raise refusal()
    return found


def list_bodies() -> list[Body]:
    return _all(Body, Body.name)


def get_body(slug: str) -> Body:
    return _one(Body, lambda: NotFound(_("Onbekend orgaan: %(slug)s", slug=slug)), slug=slug)


def get_body_by_id(body_id: int) -> Body:
    body = db.session.get(Body, body_id)
    if body is None:
        raise NotFound(_("Onbekend orgaan."))
    return body


def list_organisations() -> list[Organisation]:
    return _all(Organisation, Organisation.kind, Organisation.name)


def list_action_lines() -> list[ActionLine]:
    return _all(ActionLine, ActionLine.number)


def get_action_line(number: int) -> ActionLine:
    return _one(ActionLine, lambda: Invalid(_("Onbekende actielijn: %(n)s", n=number)), number=number)


def bodies_of(user) -> list[Body]:
    """The bodies `user` sits in (all of them for a global role)."""
    if not getattr(user, "is_authenticated", False):
        return []
    if user.global_role:
        return list_bodies()
    return sorted((m.body for m in user.memberships), key=lambda body: body.name)


# --- bodies --------------------------------------------------------------------------------------

def _check_body_fields(slug: str, name: str, abbreviation: str, min_meetings: int) -> None:
    if not SLUG.match(slug or ""):
        raise Invalid(_("Een korte naam (slug) bestaat uit kleine letters, cijfers en koppeltekens."))
    if not (name or "").strip():
        raise Invalid(_("Een naam is verplicht."))
    if not (abbreviation or "").strip():
        raise Invalid(_("Een afkorting is verplicht."))
    if min_meetings is None or min_meetings < 0 or min_meetings > 366:
        raise Invalid(_("Het minimum aantal vergaderingen ligt tussen 0 en 366."))


def _check_reports_to(body: Body | None, reports_to: Body | None) -> None:
    seen = set()
    current = reports_to
    while current is not None:
        if body is not None and current.id == body.id:
            raise Invalid(_("Een orgaan kan niet (onrechtstreeks) aan zichzelf rapporteren."))
        if current.id in seen:
            break
        seen.add(current.id)
        current = current.reports_to


def _check_voting_rules(body: Body | None, quorum, majority_rule: str) -> None:
    """A quorum from 1 to the number of voting members, or None (more than half of them)."""
    if majority_rule not in MAJORITY_RULES:
        raise Invalid(_("Onbekende meerderheidsregel."))
    if quorum is None:
        return
    voting = len(voting_members(body)) if body is not None else 0
    if isinstance(quorum, bool) or not isinstance(quorum, int) or not 1 <= quorum <= voting:
        raise Invalid(_("Het quorum ligt tussen 1 en het aantal stemgerechtigde leden (%(n)d), of blijft leeg.",
                        n=voting))


def suggest_slug(name: str) -> str:
    """A free short name for a new body called `name`: its slug, or with -2, -3, ... when taken
    ('' when the name has no letters or digits to make one of)."""
    base = slugify(name)
    if not base:
        return ""
    taken = set(db.session.scalars(db.select(Body.slug).where(Body.slug.startswith(base, autoescape=True))))
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def save_body(actor, slug: str, name: str, abbreviation: str, description: str = "",
              min_meetings_per_year: int = 0, reports_to_slug: str | None = None,
              body: Body | None = None, quorum: int | None = None, majority_rule: str = "simple") -> Body:
    """Create a body, or update `body` when given; a new body without a slug gets one made from its
    name (`suggest_slug`). A changed quorum or majority rule applies to the
    votes recorded from then on; outcomes already stored stay as they are."""
    require(actor, MANAGE)
    slug = (slug or "").strip().lower()
    if not slug and body is None:
        slug = suggest_slug(name)
    _check_body_fields(slug, name, abbreviation, min_meetings_per_year)
    _check_voting_rules(body, quorum, majority_rule)
    existing = db.session.scalar(db.select(Body).filter_by(slug=slug))
    if existing is not None and existing is not body:
        raise Conflict(_("Er bestaat al een orgaan met deze korte naam."))
    reports_to = get_body(reports_to_slug) if reports_to_slug else None
    _check_reports_to(body, reports_to)
    if body is None:
        body = Body()
        db.session.add(body)
    body.slug, body.name, body.abbreviation = slug, name.strip(), abbreviation.strip().upper()
    body.description = (description or "").strip()
    body.min_meetings_per_year = min_meetings_per_year
    body.quorum, body.majority_rule = quorum, majority_rule
    body.reports_to = reports_to
    db.session.commit()
    return body


# --- organisations -------------------------------------------------------------------------------

def save_organisation(actor, name: str, kind: str, organisation: Organisation | None = None) -> Organisation:
    require(actor, MANAGE)
    name = (name or "").strip()
    if not name:
        raise Invalid(_("Een naam is verplicht."))
    if kind not in ORGANISATION_KINDS:
        raise Invalid(_("Onbekende soort organisatie."))
    existing = db.session.scalar(db.select(Organisation).filter_by(name=name))
    if existing is not None and existing is not organisation:
        raise Conflict(_("Er bestaat al een organisatie met deze naam."))
    if organisation is None:
        organisation = Organisation()
        db.session.add(organisation)
    organisation.name, organisation.kind = name, kind
    db.session.commit()
    return organisation


def get_organisation(organisation_id: int) -> Organisation:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound(_("Onbekende organisatie."))
    return organisation


def find_organisation(organisation_id: int | None) -> Organisation | None:
    """The organisation chosen on a form for an account (None for none); Invalid if unknown."""
    if organisation_id is None:
        return None
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise Invalid(_("Onbekende organisatie."))
    return organisation


# --- memberships ---------------------------------------------------------------------------------

def set_membership(actor, body: Body, user: User, role: str, organisation_id: int | None = None,
                   new: bool = False) -> Membership:
    """Give `user` a seat in `body` with `role`, or change the role of an existing seat.

    With `new`, an existing seat is a Conflict instead (the admin's "add member" form).
    """
    require(actor, MANAGE)
    if role not in MEMBERSHIP_ROLES:
        raise Invalid(_("Onbekende rol: %(role)s", role=role))
    if organisation_id is not None:
        get_organisation(organisation_id)
    membership = db.session.scalar(db.select(Membership).filter_by(body_id=body.id, user_id=user.id))
    if membership is not None and new:
        raise Conflict(_("%(name)s is al lid van dit orgaan.", name=user.name))
    if membership is None:
        membership = Membership(body=body, user=user)
        db.session.add(membership)
    membership.role, membership.organisation_id = role, organisation_id
    db.session.commit()
    return membership


def get_membership(membership_id: int, body: Body | None = None) -> Membership:
    """A membership, of `body` when given (a URL cannot reach another body's seat)."""
    membership = db.session.get(Membership, membership_id)
    if membership is None or (body is not None and membership.body_id != body.id):
        raise NotFound(_("Onbekend lidmaatschap."))
    return membership


def remove_membership(actor, membership_id: int, body: Body | None = None) -> None:
    require(actor, MANAGE)
    membership = get_membership(membership_id, body)
    db.session.delete(membership)
    db.session.commit()


def voting_members(body: Body) -> list[Membership]:
    """The seats that carry a vote (VOTING_ROLES)."""
    return [m for m in body.memberships if m.role in VOTING_ROLES]


def members_of(body: Body) -> list[Membership]:
    """Members in the order a list of attendance shows them: chair, secretary, then by name."""
    order = ("voorzitter", "secretaris", "lid", "plaatsvervanger", "waarnemer")
    return sorted(body.memberships, key=lambda m: (order.index(m.role), m.user.name))


# --- fixed agenda items --------------------------------------------------------------------------

def _check_fixed_item(title: str, kind: str) -> None:
    if not (title or "").strip():
        raise Invalid(_("Een titel is verplicht."))
    if len(title) > 300:
        raise Invalid(_("Een titel telt hoogstens 300 tekens."))
    if kind not in AGENDA_ITEM_KINDS:
        raise Invalid(_("Onbekende soort agendapunt."))


def save_fixed_item(actor, body: Body, title: str, description: str = "", kind: str = "ter_informatie",
                    mandatory: bool = True, feedback_from_slug: str | None = None,
                    item: FixedAgendaItem | None = None) -> FixedAgendaItem:
    require(actor, MANAGE)
    _check_fixed_item(title, kind)
    feedback_from = get_body(feedback_from_slug) if feedback_from_slug else None
    if feedback_from is not None and feedback_from.id == body.id:
        raise Invalid(_("Een orgaan koppelt niet terug naar zichzelf."))
    if item is None:
        item = FixedAgendaItem(body=body, position=len(body.fixed_items))
        db.session.add(item)
    item.title, item.description, item.kind = title.strip(), (description or "").strip(), kind
    item.mandatory = mandatory
    item.feedback_from_body = feedback_from
    db.session.commit()
    return item


def get_fixed_item(body: Body, item_id: int) -> FixedAgendaItem:
    item = db.session.get(FixedAgendaItem, item_id)
    if item is None or item.body_id != body.id:
        raise NotFound(_("Onbekend vast agendapunt."))
    return item


def move_fixed_item(actor, body: Body, item_id: int, offset: int) -> None:
    """Move a fixed item up (-1) or down (+1)."""
    require(actor, MANAGE)
    items = list(body.fixed_items)
    item = get_fixed_item(body, item_id)
    index = items.index(item)
    target = index + offset
    if not 0 <= target < len(items):
        raise Invalid(_("Dit punt kan niet verder verplaatst worden."))
    items[index], items[target] = items[target], items[index]
    for position, each in enumerate(items):
        each.position = position
    db.session.commit()


def remove_fixed_item(actor, body: Body, item_id: int) -> None:
    """Remove a fixed item from the body's template (meetings already planned keep theirs)."""
    require(actor, MANAGE)
    item = get_fixed_item(body, item_id)
    db.session.delete(item)
    db.session.flush()
    for position, each in enumerate(i for i in body.fixed_items if i is not item):
        each.position = position
    db.session.commit()
