"""Demo objectives with a measured series, actions and progress on top of the demo meetings (idempotent),
through the services."""
from datetime import timedelta

from app.auth.models import User
from app.bodies.models import Body
from app.decisions.actions import create_action, report_progress, today, update_action
from app.decisions.models import Action, Decision, Objective
from app.decisions.objectives import create_objective, report_objective_value
from app.decisions.services import create_decision, record_votes
from app.extensions import db
from app.meetings.attendance import quorum, voters
from app.meetings.models import Meeting
from app.meetings.queries import DRAFT_MINUTES_STATES
from app.minutes import services as minutes

# (action line, title, indicator, unit, baseline, target, years ahead, [(days ago, measured value)])
OBJECTIVES = (
    (3, "Vacatures in knelpuntberoepen sneller invullen", "Aantal vacatures knelpuntberoepen ingevuld",
     "vacatures", 0, 500, 2, [(270, 60), (150, 120), (30, 185)]),
    (4, "Meer pendelaars met de fiets naar het werk", "Aandeel fietsverplaatsingen woon-werk", "%", 14, 25, 4,
     [(330, 14.5), (150, 15.5), (40, 17)]),
    (2, "Ruimte om te ondernemen: bedrijventerreinen herbestemmen", "Hectare bedrijventerrein herbestemd", "ha",
     0, 40, 3, [(300, 2), (120, 4.5), (20, 6)]),
    (1, "Kenniseconomie in het hele arrondissement", "", "", None, None, 3, []),
)
# (decision text starts with, objective title, action title, owner, due in days, status, weight, [(progress, value, comment)])
ACTIONS = (
    ("De Taskforce organiseert in het najaar een jobbeurs", "Vacatures in knelpuntberoepen sneller invullen",
     "Jobbeurs Oost-Brabant in Tienen organiseren", "VDAB", -20, "afgerond", 2,
     [(50, None, "Standhouders vastgelegd"), (100, 140, "Jobbeurs gehouden: 140 vacatures ingevuld")]),
    ("De Taskforce organiseert in het najaar een jobbeurs", "Vacatures in knelpuntberoepen sneller invullen",
     "Opleidingsaanbod knelpuntberoepen afstemmen met VDAB", "vdab@spitsregio.be", -10, "lopend", 1,
     [(40, 185, "Eerste opleidingen gestart")]),
    ("De Taskforce vraagt de provincie Vlaams-Brabant de werken aan de F25", "Meer pendelaars met de fiets naar het werk",
     "Brief aan de deputatie over de timing van de F25", "secretaris@spitsregio.be", -60, "afgerond", 1,
     [(100, None, "Brief verstuurd")]),
    ("De Taskforce laat een pendelonderzoek uitvoeren", "Meer pendelaars met de fiets naar het werk",
     "Pendelonderzoek op de vier hoofdassen naar Leuven", "Interleuven", 90, "lopend", 3,
     [(25, 17, "Tellingen op de N2 en N3 klaar")]),
    ("De Taskforce laat een pendelonderzoek uitvoeren", None,
     "Werkgevers bevragen over fietsvergoeding", "lid@spitsregio.be", -5, "gepland", 1, []),
    ("De Taskforce richt een werkgroep kenniseconomie op", "Kenniseconomie in het hele arrondissement",
     "Werkgroep kenniseconomie samenstellen", "VOKA", -30, "lopend", 1, [(60, None, "KU Leuven en UNIZO bevestigd")]),
    ("De Taskforce richt een werkgroep kenniseconomie op", "Kenniseconomie in het hele arrondissement",
     "Kennisas Leuven–Tienen in kaart brengen", "Interleuven", 60, "gepland", 2, []),
    (None, "Ruimte om te ondernemen: bedrijventerreinen herbestemmen",
     "Inventaris leegstaande bedrijfspanden", "lid.acv@spitsregio.be", -3, "lopend", 1, [(30, 6, "Haasrode geïnventariseerd")]),
)


def seed_demo_actions() -> int:
    """Objectives, actions (some overdue) and progress for the Taskforce; nothing when they exist."""
    body = db.session.scalar(db.select(Body).filter_by(slug="taskforce"))
    actor = db.session.scalar(db.select(User).filter_by(email="beheerder@spitsregio.be"))
    if body is None or actor is None or db.session.scalar(db.select(Objective.id).limit(1)):
        return 0
    day = today()
    objectives = {}
    for line, title, indicator, unit, baseline, target, years, values in OBJECTIVES:
        objective = create_objective(actor, body, {
            "title": title, "action_line": line, "indicator": indicator, "unit": unit, "baseline": baseline,
            "target": target, "target_date": day.replace(year=day.year + years, month=12, day=31), "is_public": True})
        for days_ago, value in values:
            report_objective_value(actor, objective, value, "Meting van het secretariaat",
                                   measured_on=day - timedelta(days=days_ago))
        objectives[title] = objective
    created = 0
    for decision_text, objective_title, title, owner, due_days, status, weight, updates in ACTIONS:
        decision = None
        if decision_text:
            decision = db.session.scalar(db.select(Decision).where(Decision.text.startswith(decision_text)))
        if db.session.scalar(db.select(Action.id).filter_by(title=title)):
            continue
        data = {"title": title, "owner": owner, "due": day + timedelta(days=due_days), "weight": weight,
                "objective": objectives[objective_title].id if objective_title else None}
        action = create_action(actor, data, decision=decision, body=body)
        for progress, value, comment in updates:
            report_progress(actor, action, {"progress": progress, "value": value, "comment": comment})
        if action.status != status:
            update_action(actor, action, {"status": status})
        created += 1
    _demo_minutes(actor, body)
    return created


def _demo_minutes(actor, body) -> None:
    """Draft minutes for the Taskforce meetings held but not yet approved: a treatment per item."""

    held = db.session.scalars(db.select(Meeting).where(
        Meeting.body_id == body.id, Meeting.state.in_(DRAFT_MINUTES_STATES))).all()
    for meeting in held:
        for item in meeting.items:
            if minutes.get_minutes(item) is not None or item.skipped:
                continue
            text = (f"De voorzitter leidt het punt **{item.title}** in.\n\n"
                    "- De leden stellen vragen over timing en budget.\n"
                    "- Het secretariaat bezorgt de nota na de vergadering.\n")
            if item.decisions:
                text += "\nNa bespreking neemt de Taskforce het besluit hieronder.\n"
            minutes.save_minutes(actor, item, text)


def record_demo_decisions(actor, meeting, decisions) -> None:
    """The decisions of a held demo meeting, [(item title or "feedback", text, action line)], through
    the same service as the secretary's form, each with a vote when the meeting has its quorum (the
    meetings' demo records the attendance first)."""
    for number, (item_title, text, line) in enumerate(decisions):
        if item_title == "feedback":
            item = next(i for i in meeting.items if i.fixed_item and i.fixed_item.feedback_from_body_id)
        else:
            item = next(i for i in meeting.items if i.title == item_title)
        decision = create_decision(actor, item, text, line)
        if quorum(meeting).reached:
            _demo_vote(actor, decision, per_member=number % 2 == 1)


def _demo_vote(actor, decision, per_member: bool) -> None:
    """Unanimous, or per member with the last voter abstaining."""
    if not per_member:
        record_votes(actor, decision, unanimous=True)
        return
    present = voters(decision.agenda_item.meeting)
    choices = {voter.user.id: "voor" for voter in present}
    choices[present[-1].user.id] = "onthouding"
    record_votes(actor, decision, per_member=choices)
