"""The demo data: the bodies, organisations and action lines of the seed text. Idempotent."""
from flask import current_app

from app.auth.models import User
from app.auth.services import hash_password
from app.bodies.models import ActionLine, Body, FixedAgendaItem, Membership, Organisation
from app.decisions.demo import record_demo_decisions
from app.decisions.demo import seed_demo_actions as seed_actions
from app.documents.demo import seed_demo_documents
from app.extensions import db
from app.meetings.demo import seed_demo_meetings
from app.proposals.demo import seed_demo_proposals
from app.search.hooks import deferred_indexing

#: printed by `seed-demo`; demo accounts only, never used for real accounts
DEMO_PASSWORD = "spitsregio-demo"

MUNICIPALITIES = (
    "Aarschot", "Begijnendijk", "Bekkevoort", "Bertem", "Bierbeek", "Boortmeerbeek", "Boutersem",
    "Diest", "Geetbets", "Glabbeek", "Haacht", "Herent", "Hoegaarden", "Holsbeek", "Huldenberg",
    "Keerbergen", "Kortenaken", "Kortenberg", "Landen", "Leuven", "Linter", "Lubbeek",
    "Oud-Heverlee", "Rotselaar", "Scherpenheuvel-Zichem", "Tervuren", "Tielt-Winge", "Tienen",
    "Tremelo", "Zoutleeuw",
)
ORGANISATIONS = (
    *((f"{'Stad' if name in ('Aarschot', 'Diest', 'Landen', 'Leuven', 'Scherpenheuvel-Zichem', 'Tienen', 'Zoutleeuw') else 'Gemeente'} {name}", "gemeente") for name in MUNICIPALITIES),
    ("ACV", "vakbond"), ("ABVV", "vakbond"), ("ACLVB", "vakbond"),
    ("VOKA", "werkgeversorganisatie"), ("UNIZO", "werkgeversorganisatie"),
    ("Boerenbond", "werkgeversorganisatie"),
    ("Provincie Vlaams-Brabant", "provincie"),
    ("VDAB", "deskundige"),
    ("Interleuven", "intercommunale"),
    ("ERSV Vlaams-Brabant", "taskforce"),
)
ACTION_LINES = (
    (1, "Kenniseconomie", "De uitrol van de kenniseconomie over het hele arrondissement Leuven."),
    (2, "Duurzame economische ontwikkeling",
     "Meer ruimte om te ondernemen, betere vestigingsvoorwaarden en kernversterkend beleid."),
    (3, "Goedwerkende arbeidsmarkt", "Een goedwerkende arbeidsmarkt."),
    (4, "Mobiliteit", "Mobiliteit als conditio sine qua non."),
)
# slug, name, abbreviation, minimum meetings a year, reports to, description
BODIES = (
    ("burgemeestersoverleg", "Burgemeestersoverleg Oost-Brabant", "BO", 4, None,
     "Het overleg van de burgemeesters van het arrondissement Leuven; stuurt de Taskforce aan. "
     "Interleuven is facilitator."),
    ("taskforce", "Taskforce Spitsregio Leuven", "TF", 6, "burgemeestersoverleg",
     "Het partnerschap voor versterkt streekbeleid: werk, economie en mobiliteit. "
     "'Spitsregio Leuven moet spitsregio blijven!'"),
    ("toekomstforum-werk-economie", "Toekomstforum Halle-Vilvoorde – Themawerkgroep Werk en Economie",
     "TWE", 4, None, "Themawerkgroep van het Toekomstforum Halle-Vilvoorde over het sociaaleconomisch streekbeleid."),
    ("toekomstforum-mobiliteit", "Toekomstforum Halle-Vilvoorde – Themawerkgroep Mobiliteit",
     "TMO", 4, None, "Themawerkgroep van het Toekomstforum Halle-Vilvoorde over mobiliteit."),
)
APPROVE_MINUTES = "Goedkeuring verslag vorige vergadering"
# body slug -> (title, kind, mandatory, feedback from)
FIXED_ITEMS = {
    "taskforce": (
        (APPROVE_MINUTES, "ter_beslissing", True, None),
        ("Terugkoppeling Burgemeestersoverleg Oost-Brabant", "ter_informatie", True, "burgemeestersoverleg"),
        ("Opvolging acties", "ter_bespreking", True, None),
        ("Varia", "ter_informatie", False, None),
    ),
    "burgemeestersoverleg": (
        (APPROVE_MINUTES, "ter_beslissing", True, None),
        ("Terugkoppeling Taskforce Spitsregio Leuven", "ter_informatie", True, "taskforce"),
        ("Varia", "ter_informatie", False, None),
    ),
    "toekomstforum-werk-economie": (
        (APPROVE_MINUTES, "ter_beslissing", True, None),
        ("Rondvraag", "ter_informatie", False, None),
    ),
    "toekomstforum-mobiliteit": (
        (APPROVE_MINUTES, "ter_beslissing", True, None),
        ("Rondvraag", "ter_informatie", False, None),
    ),
}
# e-mail, name, global role, organisation, {body slug: role}
DEMO_USERS = (
    ("beheerder@spitsregio.be", "Bea Beheerder", "beheerder", "ERSV Vlaams-Brabant", {}),
    ("secretaris@spitsregio.be", "Sven Secretaris", None, "ERSV Vlaams-Brabant",
     {"taskforce": "secretaris", "burgemeestersoverleg": "secretaris"}),
    ("voorzitter@spitsregio.be", "Vera Voorzitter", None, "Stad Leuven",
     {"taskforce": "voorzitter", "burgemeestersoverleg": "lid"}),
    ("lid@spitsregio.be", "Lieve Lid", None, "VOKA", {"taskforce": "lid"}),
    ("lid.acv@spitsregio.be", "Arno Claes", None, "ACV", {"taskforce": "lid"}),
    ("burgemeester.tienen@spitsregio.be", "Tom Tienen", None, "Stad Tienen",
     {"burgemeestersoverleg": "voorzitter", "taskforce": "lid"}),
    ("vdab@spitsregio.be", "Dirk Deskundige", None, "VDAB", {"taskforce": "waarnemer"}),
    ("secretaris.tf-hv@spitsregio.be", "Hanne Halle", None, "ERSV Vlaams-Brabant",
     {"toekomstforum-werk-economie": "secretaris", "toekomstforum-mobiliteit": "secretaris"}),
)


def _get_or_create(model, defaults: dict | None = None, **key):
    instance = db.session.scalar(db.select(model).filter_by(**key))
    if instance is None:
        instance = model(**key, **(defaults or {}))
        db.session.add(instance)
        db.session.flush()
    return instance


def grant_membership(user: User, body: Body, role: str, organisation: Organisation | None = None) -> Membership:
    """Give `user` a seat in `body` (used by the seed and `create-user --body`)."""
    membership = _get_or_create(Membership, {"role": role, "organisation": organisation},
                                user_id=user.id, body_id=body.id)
    db.session.commit()
    return membership


def seed_demo() -> list[tuple[str, str]]:
    """Create whatever of the demo data is missing; returns the demo accounts to print."""
    with deferred_indexing():  # one index update at the end, not one per commit
        return _seed_demo()


def _seed_demo() -> list[tuple[str, str]]:
    organisations = {name: _get_or_create(Organisation, {"kind": kind}, name=name) for name, kind in ORGANISATIONS}
    for number, name, description in ACTION_LINES:
        _get_or_create(ActionLine, {"name": name, "description": description}, number=number)
    bodies = {}
    for slug, name, abbreviation, minimum, _parent, description in BODIES:
        bodies[slug] = _get_or_create(
            Body, {"name": name, "abbreviation": abbreviation, "min_meetings_per_year": minimum,
                   "description": description}, slug=slug)
    for slug, _name, _abbr, _minimum, parent, _description in BODIES:
        if parent and bodies[slug].reports_to_id is None:
            bodies[slug].reports_to = bodies[parent]
    for slug, items in FIXED_ITEMS.items():
        body = bodies[slug]
        if body.fixed_items:
            continue  # the beheerder may have edited them; never overwrite
        for position, (title, kind, mandatory, feedback_from) in enumerate(items):
            db.session.add(FixedAgendaItem(
                body=body, position=position, title=title, kind=kind, mandatory=mandatory,
                feedback_from_body=bodies[feedback_from] if feedback_from else None,
            ))
    accounts = []
    for email, name, global_role, organisation, seats in DEMO_USERS:
        user = db.session.scalar(db.select(User).filter_by(email=email))
        if user is None:
            user = User(email=email, name=name, global_role=global_role,
                        organisation=organisations[organisation],
                        password_hash=hash_password(DEMO_PASSWORD))
            db.session.add(user)
            db.session.flush()
        for slug, role in seats.items():
            _get_or_create(Membership, {"role": role, "organisation": organisations[organisation]},
                           user_id=user.id, body_id=bodies[slug].id)
        roles = [global_role] if global_role else [f"{role} {slug}" for slug, role in seats.items()]
        accounts.append((email, ", ".join(roles)))
    db.session.commit()
    seed_demo_meetings_unless_testing()
    return accounts


def seed_demo_meetings_unless_testing() -> None:
    """A year of demo meetings (app/meetings/demo.py). Not under tests by default: their factories
    expect the demo bodies without meetings; set SEED_DEMO_MEETINGS to force either way."""
    if current_app.config.get("SEED_DEMO_MEETINGS", not current_app.testing):
        seed_demo_meetings(decide=record_demo_decisions)
        seed_demo_actions()
        seed_demo_documents()
        seed_demo_proposals()


def seed_demo_actions() -> None:
    """Objectives per action line with indicators, actions with owners, progress, some overdue
    (app/decisions/demo.py); after the meetings, whose decisions the actions follow from."""
    seed_actions()
