import pytest

from app.decisions import services
from app.decisions.demo import seed_demo_actions
from app.decisions.models import Action, Objective, ProgressUpdate
from app.minutes.models import MinutesRevision


@pytest.mark.slow
def test_demo_objectives_and_actions_are_idempotent(seeded, request_ctx):
    from app.meetings.demo import seed_demo_meetings

    seed_demo_meetings()
    assert seed_demo_actions() > 0
    counts = (Objective.query.count(), Action.query.count(), ProgressUpdate.query.count(),
              MinutesRevision.query.count())
    assert seed_demo_actions() == 0
    assert counts == (Objective.query.count(), Action.query.count(), ProgressUpdate.query.count(),
                      MinutesRevision.query.count())
    day = services.today()
    actions = Action.query.all()
    assert any(a.is_overdue(day) for a in actions) and any(a.decision_id for a in actions)
    assert any(a.owner_user_id for a in actions) and any(a.owner_organisation_id for a in actions)
    cycling = Objective.query.filter_by(indicator="Aandeel fietsverplaatsingen woon-werk").one()
    assert services.objective_progress(cycling)["source"] == "indicator"
    knowledge = Objective.query.filter_by(indicator="").one()
    assert services.objective_progress(knowledge)["source"] == "actions"
