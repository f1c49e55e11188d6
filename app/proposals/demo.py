"""The demo's agenda proposal: one open proposal of a Taskforce member (ACV), with a note as file.
Idempotent: by title."""
from app.auth.models import User
from app.bodies.models import Body
from app.extensions import db
from app.proposals.models import AgendaProposal
from app.proposals.services import propose_item

TITLE = "Goedwerkende arbeidsmarkt: opleidingen voor knelpuntberoepen met VDAB"
DESCRIPTION = """Namens **ACV** stel ik voor dat de Taskforce Spitsregio Leuven bespreekt hoe we samen met
VDAB opleidingen voor knelpuntberoepen dichter bij de werkzoekenden in het arrondissement brengen.

- welke knelpuntberoepen in de regio het zwaarst wegen;
- of het ESF-project een deeltaak kan opnemen;
- wat steden en gemeenten en de sociale partners kunnen bijdragen.
"""
NOTE = """Nota ACV – opleidingen voor knelpuntberoepen

Een goedwerkende arbeidsmarkt is een van de vier actielijnen van het actieplan voor Spitsregio Leuven.
Deze nota bundelt de vraag van de vakbonden ACV, ABVV en ACLVB naar opleidingen dicht bij huis.
"""


def seed_demo_proposals() -> None:
    if db.session.scalar(db.select(AgendaProposal).filter_by(title=TITLE)) is not None:
        return
    member = db.session.scalar(db.select(User).filter_by(email="lid.acv@spitsregio.be"))
    body = db.session.scalar(db.select(Body).filter_by(slug="taskforce"))
    if member is None or body is None:
        return
    propose_item(member, body, {"title": TITLE, "description": DESCRIPTION, "kind": "ter_bespreking"},
                 [(NOTE.encode(), "nota-acv-knelpuntberoepen.txt")])
