from datetime import date, datetime, timedelta

import pytest

from app.auth.services import get_user_by_email
from app.decisions.numbering import decision_reference
from app.core.errors import Conflict, Invalid, NotAllowed
from app.core.versions import list_versions
from app.decisions import actions, lookups, objectives, services
from app.decisions.models import MAX_DECISION_TEXT, Action, Objective, ProgressUpdate
from app.minutes import services as minutes
from tests.decisions.voting import everyone_present


@pytest.fixture
def decided(make_meeting, people, item_titled):
    meeting = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 3, 10, 14, 0))
    item = item_titled(meeting, "Mobiliteitsplan regio Leuven")
    decision = services.create_decision(people.secretary, item, "De taskforce keurt het plan goed.", 4)
    return meeting, item, decision


def test_decisions_get_readable_numbers(make_meeting, people, item_titled):
    make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 1, 20, 14, 0))
    make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2025, 12, 1, 14, 0))
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=("Punt A", "Punt B"))
    first = services.create_decision(people.secretary, item_titled(meeting, "Punt A"), "Eerste besluit")
    second = services.create_decision(people.secretary, item_titled(meeting, "Punt B"), "Tweede besluit", "3")
    assert decision_reference(first) == "TF-2026-02/1"
    assert decision_reference(second) == "TF-2026-02/2"
    assert second.action_line.number == 3 and first.decided_on == date(2026, 3, 10)


def test_decision_input_is_checked(make_meeting, people, item_titled):
    item = item_titled(make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"]), "Varia")
    with pytest.raises(Invalid):
        services.create_decision(people.secretary, item, "   ")
    with pytest.raises(Invalid):
        services.create_decision(people.secretary, item, "x" * (MAX_DECISION_TEXT + 1))
    with pytest.raises(Invalid):
        services.create_decision(people.secretary, item, "Tekst", action_line=9)
    with pytest.raises(NotAllowed):
        services.create_decision(people.member, item, "Tekst")
    assert item.decisions == []


def test_votes_per_member_and_counts(decided, people):
    meeting, _item, decision = decided
    everyone_present(people.secretary, meeting, voters=14)  # votes follow the attendance
    lieve = get_user_by_email("lid@spitsregio.be")  # a voting member; the secretary has no vote
    services.record_votes(people.secretary, decision, per_member={
        people.chair.id: "voor", people.member.id: "tegen", str(lieve.id): "onthouding"})
    assert (decision.votes_for, decision.votes_against, decision.votes_abstain) == (1, 1, 1)
    assert {v.user_id: v.choice for v in decision.votes}[people.member.id] == "tegen"
    with pytest.raises(Invalid):
        services.record_votes(people.secretary, decision, per_member={people.other_secretary.id: "voor"})
    with pytest.raises(Invalid):
        services.record_votes(people.secretary, decision, per_member={people.chair.id: "misschien"})
    services.record_votes(people.secretary, decision, counts={"voor": 12, "tegen": "0", "onthouding": 2})
    assert (decision.votes_for, decision.votes_against, decision.votes_abstain) == (12, 0, 2)
    assert decision.votes == []
    with pytest.raises(Invalid):
        services.record_votes(people.secretary, decision, counts={"voor": "veel"})
    assert decision.votes_for == 12


def test_locked_item_decision_changes_need_reason_and_are_versioned(decided, people):
    _meeting, item, decision = decided
    minutes.lock_item(people.secretary, item)
    with pytest.raises(Conflict):
        services.update_decision(people.secretary, decision, {"text": "Stil gewijzigd"})
    with pytest.raises(Conflict):
        services.record_votes(people.secretary, decision, counts={"voor": 3})
    assert decision.text == "De taskforce keurt het plan goed."
    services.update_decision(people.secretary, decision, {"text": "Gecorrigeerd"}, reason="Tikfout")
    versions = list_versions("decision", decision.id)
    assert [v.data["text"] for v in versions] == ["De taskforce keurt het plan goed.", "Gecorrigeerd"]
    assert versions[-1].comment == "Tikfout"


def test_decision_list_filters_and_permissions(make_meeting, people, item_titled):
    tf = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 3, 10, 14, 0))
    old = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2025, 6, 10, 14, 0))
    other = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], body="toekomstforum-mobiliteit", start=datetime(2026, 2, 1, 10, 0))
    services.create_decision(people.secretary, item_titled(tf, "Mobiliteitsplan regio Leuven"), "A", 4)
    services.create_decision(people.secretary, item_titled(old, "Mobiliteitsplan regio Leuven"), "B", 1)
    services.create_decision(people.other_secretary, item_titled(other, "Mobiliteitsplan regio Leuven"), "C", 4)
    assert [d.text for d in services.list_decisions(people.member)] == ["A", "B"]
    assert [d.text for d in services.list_decisions(people.admin, action_line=4)] == ["A", "C"]
    assert [d.text for d in services.list_decisions(people.admin, year=2025)] == ["B"]
    assert [d.text for d in services.list_decisions(people.admin, body="toekomstforum-mobiliteit")] == ["C"]
    assert services.list_decisions(None) == []
    with pytest.raises(Invalid):
        services.list_decisions(people.admin, year="vorig jaar")


def test_action_owner_due_and_objective_are_validated(decided, people):
    _meeting, _item, decision = decided
    for data in ({"title": "X", "owner": "niemand@example.be"}, {"title": "X", "owner": "Onbekende vzw"},
                 {"title": "X", "due": "31/12/2026"}, {"title": "X", "due": "2026-02-30"},
                 {"title": "X", "objective": 999}, {"title": ""}, {"title": "x" * 301},
                 {"title": "X", "status": "bezig"}):
        with pytest.raises(Invalid):
            actions.create_action(people.secretary, data, decision=decision)
    assert Action.query.count() == 0
    action = actions.create_action(people.secretary, {"title": "Fietsroute uittekenen", "owner": "VOKA",
                                                       "due": "2026-06-30"}, decision=decision)
    assert action.owner_name == "VOKA" and action.due_on == date(2026, 6, 30)
    assert action.body_id == decision.body_id and action.access_level == decision.access_level
    person = actions.create_action(people.secretary, {"title": "Nota", "owner": people.member.email},
                                    decision=decision)
    assert person.owner_user_ids == {people.member.id}
    assert lookups.owner_key(person) == f"user:{people.member.id}"


def test_owner_reports_progress_on_own_action_only(decided, people):
    _meeting, _item, decision = decided
    own = actions.create_action(people.secretary, {"title": "Eigen", "owner": f"user:{people.member.id}"},
                                 decision=decision)
    other = actions.create_action(people.secretary, {"title": "Andere", "owner": "ACV"}, decision=decision)
    actions.report_progress(people.member, own, {"progress": "40", "value": 12, "comment": "Goed bezig"})
    assert own.progress == 40 and own.status == "lopend"
    with pytest.raises(NotAllowed):
        actions.report_progress(people.member, other, {"progress": 10})
    with pytest.raises(NotAllowed):
        actions.update_action(people.member, own, {"status": "afgerond"})
    actions.report_progress(people.chair, other, {"status": "afgerond", "comment": "Klaar"})
    assert other.status == "afgerond" and other.progress == 100
    with pytest.raises(Invalid):
        actions.report_progress(people.member, own, {"progress": 140})
    with pytest.raises(Invalid):
        actions.report_progress(people.member, own, {})
    assert [u.comment for u in own.updates] == ["Goed bezig"]


def test_objective_progress_from_indicator(people, request_ctx):
    body = people.secretary.memberships[0].body
    objective = objectives.create_objective(people.secretary, body, {
        "title": "Meer fietsers", "action_line": 4, "indicator": "Aandeel fietsverplaatsingen woon-werk",
        "unit": "%", "baseline": "20", "target": "30", "target_date": "2030-12-31"})
    assert objectives.objective_progress(objective)["fraction"] is None
    objectives.report_objective_value(people.secretary, objective, "22,5")
    objectives.report_objective_value(people.secretary, objective, 25)
    progress = objectives.objective_progress(objective)
    assert progress["source"] == "indicator" and progress["value"] == 25
    assert progress["fraction"] == pytest.approx(0.5)
    with pytest.raises(Invalid):
        objectives.create_objective(people.secretary, body, {"title": "X", "action_line": 4, "target": "veel"})
    with pytest.raises(NotAllowed):
        objectives.create_objective(people.member, body, {"title": "X", "action_line": 4})
    assert Objective.query.count() == 1


def test_objective_progress_from_weighted_actions(decided, people):
    _meeting, _item, decision = decided
    objective = objectives.create_objective(people.secretary, decision.agenda_item.meeting.body,
                                          {"title": "Knooppunten", "action_line": 4})
    heavy = actions.create_action(people.secretary, {"title": "Zwaar", "objective": objective.id, "weight": 3},
                                   decision=decision)
    light = actions.create_action(people.secretary, {"title": "Licht", "objective": objective.id, "weight": 1},
                                   decision=decision)
    actions.create_action(people.secretary, {"title": "Geschrapt", "objective": objective.id, "weight": 5,
                                              "status": "geannuleerd"}, decision=decision)
    actions.report_progress(people.secretary, heavy, {"progress": 50})
    actions.report_progress(people.secretary, light, {"status": "afgerond"})
    progress = objectives.objective_progress(objective)
    assert progress["source"] == "actions"
    assert progress["fraction"] == pytest.approx((3 * 0.5 + 1 * 1.0) / 4)


def test_overdue_filter_sorting_and_roll_forward(make_meeting, people, item_titled):
    earlier = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 1, 20, 14, 0))
    later = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 3, 10, 14, 0))
    decision = services.create_decision(people.secretary, item_titled(earlier, "Mobiliteitsplan regio Leuven"),
                                        "Besluit", 4)
    yesterday = (actions.today() - timedelta(days=1)).isoformat()
    next_month = (actions.today() + timedelta(days=30)).isoformat()
    late = actions.create_action(people.secretary, {"title": "Te laat", "due": yesterday}, decision=decision)
    actions.create_action(people.secretary, {"title": "Op tijd", "due": next_month}, decision=decision)
    actions.create_action(people.secretary, {"title": "Klaar", "due": yesterday, "status": "afgerond"},
                           decision=decision)
    assert [a.title for a in actions.list_actions(people.member)] == ["Te laat", "Op tijd", "Klaar"]
    assert [a.title for a in actions.list_actions(people.member, overdue="1")] == ["Te laat"]
    assert [a.title for a in actions.list_actions(people.member, status="open")] == ["Te laat", "Op tijd"]
    assert [a.title for a in actions.list_actions(people.member, action_line=4)][0] == "Te laat"
    assert actions.list_actions(people.other_secretary) == []
    rolled = actions.open_actions_for_meeting(people.member, later)
    assert [a.title for a in rolled] == ["Te laat", "Op tijd"]
    assert actions.open_actions_for_meeting(people.member, earlier) == []
    actions.report_progress(people.secretary, late, {"comment": "Besproken: uitstel tot juni"}, meeting=later)
    assert [u.comment for u in actions.follow_up_notes(later)[late.id]] == ["Besproken: uitstel tot juni"]


def test_dashboard_figures(make_meeting, people, item_titled):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    decision = services.create_decision(people.secretary, item_titled(meeting, "Mobiliteitsplan regio Leuven"),
                                        "Besluit", 4)
    yesterday = (actions.today() - timedelta(days=1)).isoformat()
    actions.create_action(people.secretary, {"title": "Mijn actie", "owner": people.member.email,
                                              "due": yesterday}, decision=decision)
    actions.create_action(people.secretary, {"title": "Lopend", "status": "lopend"}, decision=decision)
    actions.create_action(people.secretary, {"title": "Klaar", "status": "afgerond"}, decision=decision)
    board = actions.dashboard(people.member)
    mobility = next(s for s in board["sections"] if s["line"].number == 4)
    assert mobility["counts"] == {"gepland": 1, "lopend": 1, "afgerond": 1, "geannuleerd": 0}
    assert mobility["overdue"] == 1 and mobility["actions"][0].title == "Mijn actie"
    assert [a.title for a in board["mine"]] == ["Mijn actie"]
    assert board["totals"]["gepland"] == 1 and board["overdue"] == 1
    assert ProgressUpdate.query.count() == 0
