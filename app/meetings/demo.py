"""Demo meetings: a realistic year of the Taskforce and the Burgemeestersoverleg (and the working groups).

Built through the services, so the fixed items, the feedback loop, the numbering and the workflow
history are the real thing. Dates are relative to today: there are always held and upcoming meetings.
"""
from datetime import datetime, timedelta

from app.auth.models import User
from app.bodies.models import Body
from app.core.timeutil import to_local, utcnow
from app.extensions import db
from app.meetings import agenda, attendance, services
from app.meetings.models import Meeting

# (days from today, body, title, [(title, kind, action line, presenter, description)], decisions)
# decisions: [(item title or "feedback", text, action line)]
PLAN = (
    (-290, "taskforce", "Taskforce Spitsregio Leuven – startvergadering", [
        ("Actieplan versterkt streekbeleid: vier actielijnen", "ter_beslissing", None, "Vera Voorzitter",
         "Het actieplan legt vier inhoudelijke lijnen vast:\n\n1. Kenniseconomie\n2. Duurzame economische "
         "ontwikkeling\n3. Goedwerkende arbeidsmarkt\n4. Mobiliteit"),
        ("Kennisas Leuven–Tienen: verkenning", "ter_bespreking", 1, "Interleuven", ""),
    ], [("Actieplan versterkt streekbeleid: vier actielijnen",
         "De Taskforce keurt het actieplan met de vier actielijnen goed en legt het voor aan het "
         "Burgemeestersoverleg Oost-Brabant.", None)]),
    (-265, "burgemeestersoverleg", "Burgemeestersoverleg Oost-Brabant", [
        ("Begroting Interleuven", "ter_beslissing", None, "Interleuven", ""),
    ], [("feedback", "Het Burgemeestersoverleg bekrachtigt het actieplan van de Taskforce Spitsregio Leuven.", None),
        ("Begroting Interleuven", "De begrotingswijziging van Interleuven wordt goedgekeurd.", None)]),
    (-230, "taskforce", "Taskforce Spitsregio Leuven", [
        ("Knelpuntberoepen en opleidingsaanbod VDAB", "ter_bespreking", 3, "Dirk Deskundige",
         "Toelichting bij de knelpuntberoepenlijst voor het arrondissement Leuven."),
        ("Fietssnelweg F25 Leuven–Aarschot", "ter_beslissing", 4, "Interleuven",
         "Stand van zaken van het tracé en de **timing** van de werken."),
    ], [("Fietssnelweg F25 Leuven–Aarschot",
         "De Taskforce vraagt de provincie Vlaams-Brabant de werken aan de F25 in 2027 te starten.", 4)]),
    (-170, "taskforce", "Taskforce Spitsregio Leuven", [
        ("Ruimte voor ondernemen: bedrijventerreinen Haasrode en Tienen-Noord", "ter_bespreking", 2, "VOKA", ""),
        ("Jobbeurs Oost-Brabant", "ter_beslissing", 3, "Lieve Lid", ""),
    ], [("Jobbeurs Oost-Brabant", "De Taskforce organiseert in het najaar een jobbeurs in Tienen, samen met VDAB.", 3)]),
    (-145, "burgemeestersoverleg", "Burgemeestersoverleg Oost-Brabant", [
        ("Vervoerregio Leuven: basisbereikbaarheid", "ter_bespreking", 4, "Tom Tienen", ""),
    ], [("feedback", "Het Burgemeestersoverleg steunt de vraag van de Taskforce over de F25 en de jobbeurs in Tienen.", None)]),
    (-110, "taskforce", "Taskforce Spitsregio Leuven", [
        ("Kernversterking: leegstand in handelskernen", "ter_bespreking", 2, "UNIZO", ""),
        ("Innovatieregio: samenwerking KU Leuven en kmo's", "ter_beslissing", 1, "Vera Voorzitter", ""),
    ], [("Innovatieregio: samenwerking KU Leuven en kmo's",
         "De Taskforce richt een werkgroep kenniseconomie op met KU Leuven, VOKA en UNIZO.", 1)]),
    (-100, "toekomstforum-werk-economie", "Themawerkgroep Werk en Economie", [
        ("Onze regio, onze toekomst: actieplan", "ter_bespreking", 3, "Hanne Halle", ""),
    ], []),
    (-50, "taskforce", "Taskforce Spitsregio Leuven", [
        ("Opvolging jobbeurs Oost-Brabant", "ter_informatie", 3, "Arno Claes", ""),
        ("Mobiliteit: pendelstromen naar Leuven", "ter_bespreking", 4, "Interleuven", ""),
    ], [("Mobiliteit: pendelstromen naar Leuven",
         "De Taskforce laat een pendelonderzoek uitvoeren voor de vier hoofdassen naar Leuven.", 4)]),
    (-30, "burgemeestersoverleg", "Burgemeestersoverleg Oost-Brabant", [], [
        ("feedback", "Het Burgemeestersoverleg vraagt de resultaten van het pendelonderzoek tegen het voorjaar.", None)]),
    (16, "taskforce", "Taskforce Spitsregio Leuven – december", [
        ("Kennisas Leuven–Tienen: stand van zaken", "ter_bespreking", 1, "Interleuven", ""),
        ("Jaarplanning vergaderingen", "ter_beslissing", None, "Vera Voorzitter", ""),
        ("Evaluatie jobbeurs", "ter_informatie", 3, "Lieve Lid", ""),
    ], []),
    (30, "toekomstforum-mobiliteit", "Themawerkgroep Mobiliteit", [
        ("Fietsnetwerk Halle-Vilvoorde", "ter_bespreking", 4, "Hanne Halle", ""),
    ], []),
    (45, "burgemeestersoverleg", "Burgemeestersoverleg Oost-Brabant", [], []),
    (75, "taskforce", "Taskforce Spitsregio Leuven", [
        ("Bedrijventerreinen: stand van zaken", "ter_bespreking", 2, "VOKA", ""),
    ], []),
)


def _at(days: int, hour: int) -> datetime:
    day = to_local(utcnow()).date() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0)


def seed_demo_meetings(decide=None) -> int:
    """Create the demo meetings once (nothing when the Taskforce already has meetings); returns how many.

    `decide(actor, meeting, decisions)` records a held meeting's decisions (the decisions
    feature's demo: meetings know nothing of decisions); without it the meetings have none."""
    if db.session.scalar(db.select(Meeting.id).join(Body, Meeting.body_id == Body.id)
                         .where(Body.slug == "taskforce").limit(1)):
        return 0
    actor = db.session.scalar(db.select(User).filter_by(email="beheerder@spitsregio.be"))
    if actor is None:
        return 0
    created = 0
    today = to_local(utcnow()).date()
    for days, slug, title, items, decisions in PLAN:
        hour = 10 if slug == "burgemeestersoverleg" else 14
        start = _at(days, hour)
        location = {"taskforce": "Provinciehuis Vlaams-Brabant, Leuven",
                    "burgemeestersoverleg": "Interleuven, Leuven"}.get(slug, "Provinciehuis, Vilvoorde")
        meeting = services.create_meeting(
            actor, slug, start, start + timedelta(hours=2), location=location, title=title,
            online_url="https://meet.example.be/spitsregio" if slug == "taskforce" else "",
            is_public=slug == "taskforce")
        created += 1
        for item_title, kind, line, presenter, description in items:
            agenda.add_item(actor, meeting, {"title": item_title, "kind": kind, "action_line": line,
                                               "presenter": presenter, "description": description,
                                               "duration": 20})
        if days == 16:
            varia = next(i for i in meeting.items if i.is_standing)
            agenda.skip_item(actor, varia, "Volle agenda; varia schuiven door naar januari.")
        if days > 60:
            continue  # far ahead: still being prepared (planned, private)
        services.transition_meeting(actor, meeting, "publish_agenda", "Agenda verstuurd")
        if days >= 0:
            continue
        services.transition_meeting(actor, meeting, "mark_held")
        _attendance(actor, meeting)
        if decide is not None and decisions:
            decide(actor, meeting, decisions)
        if days < -60:
            services.transition_meeting(actor, meeting, "approve_minutes", "Goedgekeurd op de volgende vergadering")
        elif days < -40:  # the minutes await approval; the decision list is out (art. 287 DLB)
            services.transition_meeting(actor, meeting, "publish_decisions", "Besluitenlijst bekendgemaakt")
    # a topic followed across meetings: postponed from December to the next Taskforce meeting
    december = db.session.scalar(db.select(Meeting).where(Meeting.title == "Taskforce Spitsregio Leuven – december"))
    if december is not None and december.start_at.date() >= today - timedelta(days=1):
        evaluation = next((i for i in december.items if i.title == "Evaluatie jobbeurs"), None)
        if evaluation is not None:
            agenda.postpone_item(actor, evaluation)
    return created


def _attendance(actor, meeting: Meeting) -> None:
    entries = []
    for index, membership in enumerate(sorted(meeting.body.memberships, key=lambda m: m.user_id)):
        status = "verontschuldigd" if (index + meeting.id) % 5 == 0 else "aanwezig"
        entries.append({"user_id": membership.user_id, "status": status})
    attendance.record_attendance(actor, meeting, entries)
