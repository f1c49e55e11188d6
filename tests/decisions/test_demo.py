import pytest

from app.decisions import actions, objectives
from app.decisions.demo import record_demo_decisions, seed_demo_actions
from app.decisions.models import Action, Objective, ProgressUpdate
from app.minutes.models import MinutesRevision


@pytest.mark.slow
def test_demo_objectives_and_actions_are_idempotent(seeded, request_ctx):
    from app.meetings.demo import seed_demo_meetings

    seed_demo_meetings(decide=record_demo_decisions)
    assert seed_demo_actions() > 0
    counts = (Objective.query.count(), Action.query.count(), ProgressUpdate.query.count(),
              MinutesRevision.query.count())
    assert seed_demo_actions() == 0
    assert counts == (Objective.query.count(), Action.query.count(), ProgressUpdate.query.count(),
                      MinutesRevision.query.count())
    day = actions.today()
    all_actions = Action.query.all()
    assert any(a.is_overdue(day) for a in all_actions) and any(a.decision_id for a in all_actions)
    assert any(a.owner_user_id for a in all_actions) and any(a.owner_organisation_id for a in all_actions)
    cycling = Objective.query.filter_by(indicator="Aandeel fietsverplaatsingen woon-werk").one()
    assert objectives.objective_progress(cycling)["source"] == "indicator"
    knowledge = Objective.query.filter_by(indicator="").one()
    assert objectives.objective_progress(knowledge)["source"] == "actions"
