"""Votes follow attendance and voting rights, and every vote has an outcome by the body's rule."""
import pytest

from app.bodies.services import save_body
from app.core.errors import Conflict, Invalid
from app.core.versions import list_versions
from app.decisions import services
from app.decisions.rows import vote_summary
from app.decisions.votes import decide_outcome
from app.extensions import db
from app.meetings import attendance
from tests.decisions.voting import voting_room


@pytest.fixture
def room(people, make_meeting, make_user):
    return voting_room(people, make_meeting, make_user)


def _unchanged(decision):
    db.session.rollback()
    db.session.refresh(decision)
    return (decision.votes_for, decision.votes_against, decision.votes_abstain, decision.vote_kind,
            decision.outcome, list(decision.votes)) == (None, None, None, None, None, [])


def _set_rule(admin, body, rule=None, quorum=None):
    save_body(admin, body.slug, body.name, body.abbreviation, body.description, body.min_meetings_per_year,
              body.reports_to.slug if body.reports_to else None, body=body, quorum=quorum,
              majority_rule=rule or body.majority_rule)


def test_the_voters_are_the_voting_members_present_and_the_substitutes(room):
    voters = attendance.voters(room.meeting)
    assert [(v.user.name, v.replaces.name if v.replaces else None) for v in voters] == [
        ("Carl Voorzitter", None), ("Vera Voorzitter", None), ("Paul Plaatsvervanger", "Arno Claes"),
        ("Lieve Lid", None), ("Lotte Lid", None)]
    reached = attendance.quorum(room.meeting)
    assert (reached.voting, reached.present, reached.required, reached.reached) == (6, 5, 4, True)


@pytest.mark.parametrize("who", ["observer", "secretary"])
def test_who_has_no_vote_is_refused(room, people, who):
    with pytest.raises(Invalid, match="geen stem"):
        services.record_votes(people.secretary, room.decision, per_member={
            room.chair.id: "voor", getattr(room, who).id: "voor"})
    assert _unchanged(room.decision)


def test_absent_and_replaced_members_are_refused(room, people):
    with pytest.raises(Invalid, match="Tom Tienen is niet als aanwezig genoteerd"):
        services.record_votes(people.secretary, room.decision, per_member={room.tom.id: "voor"})
    with pytest.raises(Invalid, match="Paul Plaatsvervanger stemt als plaatsvervanger"):
        services.record_votes(people.secretary, room.decision, per_member={room.arno.id: "voor"})
    assert _unchanged(room.decision)


def test_a_plaatsvervanger_votes_only_in_place_of_a_member(room, people, make_user):
    other = make_user(name="Petra Reserve", memberships={"taskforce": "plaatsvervanger"})
    attendance.record_attendance(people.secretary, room.meeting, [{"user_id": other.id, "status": "aanwezig"}])
    with pytest.raises(Invalid, match="Petra Reserve heeft als plaatsvervanger geen stem"):
        services.record_votes(people.secretary, room.decision, per_member={other.id: "voor"})
    assert _unchanged(room.decision)


def test_a_substitute_votes_for_the_member_and_is_listed(room, people):
    services.record_votes(people.secretary, room.decision, per_member={
        room.chair.id: "voor", room.vera.id: "voor", room.substitute.id: "tegen", str(room.member.id): "onthouding"})
    decision = room.decision
    assert (decision.votes_for, decision.votes_against, decision.votes_abstain) == (2, 1, 1)
    assert decision.vote_kind == "per_member" and decision.outcome == "aangenomen"
    vote = next(v for v in decision.votes if v.user_id == room.substitute.id)
    assert vote.replaces_user_id == room.arno.id and vote.replaces is room.arno
    assert "Paul Plaatsvervanger (plaatsvervanger voor Arno Claes): tegen" in vote_summary(decision)
    # kept in the decision's history
    assert list_versions("decision", decision.id)[-1].data["replaces"] == {str(room.substitute.id): room.arno.id}


def test_counts_never_exceed_the_voters_present(room, people):
    with pytest.raises(Invalid, match="6 stemmen geteld, maar er zijn maar 5"):
        services.record_votes(people.secretary, room.decision, counts={"voor": 4, "tegen": 1, "onthouding": 1})
    assert _unchanged(room.decision)
    services.record_votes(people.secretary, room.decision, counts={"voor": 3, "tegen": 1, "onthouding": 1})
    assert room.decision.vote_kind == "counts" and room.decision.votes_for == 3


def test_no_vote_without_quorum(people, make_meeting, make_user, admin):
    room = voting_room(people, make_meeting, make_user)
    attendance.record_attendance(people.secretary, room.meeting, [
        {"user_id": room.vera.id, "status": "verontschuldigd"}, {"user_id": room.lieve.id, "status": "afwezig"}])
    assert attendance.quorum(room.meeting).present == 3  # Carl, Lotte and Paul for Arno
    with pytest.raises(Conflict, match="geen quorum: 3 van de 4"):
        services.record_votes(people.secretary, room.decision, unanimous=True)
    with pytest.raises(Conflict):
        services.record_votes(people.secretary, room.decision, counts={"voor": 1})
    assert _unchanged(room.decision)
    # the body's own quorum counts the substitute too
    _set_rule(admin, room.meeting.body, quorum=3)
    assert attendance.quorum(room.meeting).required == 3
    services.record_votes(people.secretary, room.decision, unanimous=True)
    assert room.decision.votes_for == 3


def test_substitutes_count_for_the_quorum(people, make_meeting, make_user):
    room = voting_room(people, make_meeting, make_user)
    attendance.record_attendance(people.secretary, room.meeting, [
        {"user_id": room.vera.id, "status": "afwezig"}])
    assert attendance.quorum(room.meeting).present == 4 and attendance.quorum(room.meeting).reached
    attendance.record_attendance(people.secretary, room.meeting, [
        {"user_id": room.arno.id, "status": "verontschuldigd", "substitute_id": None}])
    assert attendance.quorum(room.meeting).present == 3 and not attendance.quorum(room.meeting).reached


def test_unanimous_is_every_voter_for(room, people):
    services.record_votes(people.secretary, room.decision, unanimous=True)
    decision = room.decision
    assert (decision.votes_for, decision.votes_against, decision.votes_abstain) == (5, 0, 0)
    assert decision.vote_kind == "unanimous" and decision.outcome == "aangenomen" and decision.votes == []
    assert vote_summary(decision).startswith("Eenparige stemming: 5 voor")
    with pytest.raises(Invalid, match="Kies één manier"):
        services.record_votes(people.secretary, decision, unanimous=True, counts={"voor": 1})


def test_a_secret_vote_has_counts_and_never_names(room, people):
    with pytest.raises(Invalid, match="nooit namen"):
        services.record_votes(people.secretary, room.decision, secret=True, per_member={room.chair.id: "voor"})
    assert _unchanged(room.decision)
    services.record_votes(people.secretary, room.decision, per_member={room.chair.id: "voor"})
    services.record_votes(people.secretary, room.decision, secret=True,
                          counts={"voor": 2, "tegen": 2, "onthouding": 1})
    decision = room.decision
    assert decision.vote_kind == "secret" and decision.votes == [] and decision.outcome == "verworpen"
    summary = vote_summary(decision)
    assert summary == "Geheime stemming: 2 voor, 2 tegen, 1 onthouding"
    assert list_versions("decision", decision.id)[-1].data["votes"] == {}
    with pytest.raises(Invalid):
        services.record_votes(people.secretary, decision, secret=True)  # counts are needed


def test_clearing_a_vote_clears_its_outcome(room, people):
    services.record_votes(people.secretary, room.decision, unanimous=True)
    services.record_votes(people.secretary, room.decision, counts={"voor": "", "tegen": None})
    decision = room.decision
    assert (decision.votes_for, decision.vote_kind, decision.outcome) == (None, None, None)
    services.record_votes(people.secretary, decision, per_member={room.chair.id: "voor"})
    services.record_votes(people.secretary, decision, per_member={room.chair.id: ""})
    assert (decision.votes_for, decision.vote_kind, decision.outcome, decision.votes) == (None, None, None, [])


@pytest.mark.parametrize("rule, voor, tegen, onthouding, outcome", [
    ("simple", 3, 2, 0, "aangenomen"),
    ("simple", 2, 2, 1, "verworpen"),  # a tie rejects
    ("simple", 1, 0, 4, "aangenomen"),  # abstentions do not count
    ("simple", 0, 0, 0, "verworpen"),
    ("absolute", 3, 1, 1, "aangenomen"),
    ("absolute", 2, 1, 2, "verworpen"),  # 2 of 5 cast is not more than half
    ("absolute", 2, 2, 0, "verworpen"),
    ("two_thirds", 2, 1, 2, "aangenomen"),  # exactly two thirds of for + against
    ("two_thirds", 3, 2, 0, "verworpen"),
    ("two_thirds", 0, 0, 5, "verworpen"),  # at least one for
    ("two_thirds", 4, 0, 1, "aangenomen"),
])
def test_majority_rules(rule, voor, tegen, onthouding, outcome):
    assert decide_outcome(rule, voor, tegen, onthouding) == outcome


@pytest.mark.parametrize("rule, outcome", [("simple", "aangenomen"), ("absolute", "verworpen"),
                                           ("two_thirds", "aangenomen")])
def test_the_outcome_follows_the_body_rule(room, people, admin, rule, outcome):
    _set_rule(admin, room.meeting.body, rule)
    services.record_votes(people.secretary, room.decision, counts={"voor": 2, "tegen": 1, "onthouding": 2})
    assert room.decision.outcome == outcome  # 2 for, 1 against, 2 abstentions


def test_the_outcome_is_stored_once_and_not_rewritten_by_a_later_rule(room, people, admin):
    services.record_votes(people.secretary, room.decision, counts={"voor": 3, "tegen": 2, "onthouding": 0})
    assert room.decision.outcome == "aangenomen"
    _set_rule(admin, room.meeting.body, "two_thirds")
    db.session.expire_all()
    assert room.decision.outcome == "aangenomen"
    assert services.get_decision(people.member, room.decision.id).outcome == "aangenomen"
    # a vote recorded after the change follows the new rule
    services.record_votes(people.secretary, room.decision, counts={"voor": 3, "tegen": 2, "onthouding": 0})
    assert room.decision.outcome == "verworpen"


def test_bad_vote_input_saves_nothing(room, people):
    for bad in ({"counts": {"voor": "veel"}}, {"counts": {"voor": -1}}, {"counts": {"ja": 1}}, {"counts": [1]},
                {"per_member": {room.chair.id: "misschien"}}, {"per_member": {"x": "voor"}}, {"per_member": []},
                {"unanimous": "ja"}, {}, {"counts": {"voor": 1}, "per_member": {room.chair.id: "voor"}}):
        with pytest.raises(Invalid):
            services.record_votes(people.secretary, room.decision, **bad)
        assert _unchanged(room.decision), bad


def test_a_substitute_stands_in_for_one_member_and_has_no_vote_of_their_own(room, people):
    with pytest.raises(Invalid, match="kan maar één lid vervangen"):
        attendance.record_attendance(people.secretary, room.meeting, [
            {"user_id": room.tom.id, "status": "afwezig", "substitute_id": room.substitute.id}])
    with pytest.raises(Invalid, match="Lotte Lid heeft een eigen stem"):
        attendance.record_attendance(people.secretary, room.meeting, [
            {"user_id": room.tom.id, "status": "afwezig", "substitute_id": room.member.id}])
    db.session.rollback()
    # moving the substitute from Arno to Tom in one go is fine
    attendance.record_attendance(people.secretary, room.meeting, [
        {"user_id": room.arno.id, "status": "verontschuldigd"},
        {"user_id": room.tom.id, "status": "afwezig", "substitute_id": room.substitute.id}])
    assert [v.replaces.name for v in attendance.voters(room.meeting) if v.replaces] == ["Tom Tienen"]


def test_body_quorum_and_majority_rule_are_checked(admin, seeded, request_ctx):
    from app.bodies.services import get_body, voting_members

    body = get_body("taskforce")
    voting = len(voting_members(body))
    for quorum in (0, voting + 1, "3", True):
        with pytest.raises(Invalid):
            _set_rule(admin, body, "simple", quorum=quorum)
    with pytest.raises(Invalid):
        _set_rule(admin, body, "unaniem")
    db.session.rollback()
    _set_rule(admin, body, "absolute", quorum=voting)
    assert (body.quorum, body.majority_rule) == (voting, "absolute")
    _set_rule(admin, body, "simple", quorum=None)
    assert (body.quorum, body.majority_rule) == (None, "simple")
