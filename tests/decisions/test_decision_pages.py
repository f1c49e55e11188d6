from datetime import datetime, timedelta

from app.decisions import actions, objectives, services
from app.decisions.models import Action, Objective
from tests.decisions.voting import everyone_present


def _item(meeting, title):
    return next(i for i in meeting.items if i.title == title)


def test_decision_list_filters_and_trail(client, make_meeting, people):
    tf = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 3, 10, 14, 0))
    old = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2025, 5, 6, 14, 0))
    item = _item(tf, "Mobiliteitsplan regio Leuven")
    decision = services.create_decision(people.secretary, item, "Het **mobiliteitsplan** wordt goedgekeurd.", 4)
    services.create_decision(people.secretary, _item(old, "Mobiliteitsplan regio Leuven"), "Oud besluit", 3)
    action = actions.create_action(people.secretary, {"title": "Plan verspreiden", "owner": "VOKA"},
                                    decision=decision)
    client.login(people.member.email)
    page = client.get("/decisions").get_data(as_text=True)
    assert "TF-2026-01/1" in page and "TF-2025-01/1" in page
    page = client.get("/decisions?year=2026&action_line=4&body=taskforce").get_data(as_text=True)
    assert "TF-2026-01/1" in page and "Oud besluit" not in page
    page = client.get(f"/decisions?meeting={old.id}").get_data(as_text=True)
    assert "Oud besluit" in page and "mobiliteitsplan" not in page
    assert client.get("/decisions?year=vorig").status_code == 400
    # decision -> item, meeting, minutes, actions, and back
    page = client.get(f"/decisions/{decision.id}").get_data(as_text=True)
    assert f"/meetings/{tf.id}/minutes#item-{item.id}" in page
    assert f"/actions/{action.id}" in page and "<strong>mobiliteitsplan</strong>" in page
    page = client.get(f"/actions/{action.id}").get_data(as_text=True)
    assert f"/decisions/{decision.id}" in page and "TF-2026-01/1" in page
    page = client.get(f"/meetings/{tf.id}/minutes").get_data(as_text=True)
    assert f"/decisions/{decision.id}" in page


def test_public_sees_no_internal_decisions(client, make_meeting, people):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    decision = services.create_decision(people.secretary, _item(meeting, "Varia"), "Intern besluit")
    assert "Intern besluit" not in client.get("/decisions").get_data(as_text=True)
    assert client.get(f"/decisions/{decision.id}").status_code == 403
    public = make_meeting(state="decisions_published", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 4, 1, 14, 0), is_public=True)
    services.create_decision(people.secretary, _item(public, "Varia"), "Publiek besluit")
    assert "Publiek besluit" in client.get("/decisions").get_data(as_text=True)
    assert client.get("/actions").status_code == 302  # the dashboard is for members: log in first


def test_secretary_records_decision_vote_and_action_through_pages(client, make_meeting, people):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    item = _item(meeting, "Mobiliteitsplan regio Leuven")
    client.login(people.secretary.email)
    response = client.submit(f"/meetings/{meeting.id}/items/{item.id}/decisions",
                             {"text": "Goedgekeurd.", "action_line": "4"})
    assert response.status_code == 302
    decision = item.decisions[0]
    everyone_present(people.secretary, meeting, voters=9)  # votes follow the attendance
    response = client.submit(f"/decisions/{decision.id}/vote", {
        "mode": "members", f"vote-{people.chair.id}": "voor", f"vote-{people.member.id}": "onthouding"})
    assert response.status_code == 302
    assert (decision.votes_for, decision.votes_against, decision.votes_abstain) == (1, 0, 1)
    client.submit(f"/decisions/{decision.id}/vote", {"mode": "counts", "voor": "7", "tegen": "2", "onthouding": ""})
    assert (decision.votes_for, decision.votes_against, decision.votes_abstain) == (7, 2, 0)
    response = client.submit(f"/decisions/{decision.id}/actions", {
        "title": "Fietsroute", "owner": f"user:{people.member.id}", "due": "2026-09-01", "status": "gepland",
        "objective": "", "weight": "1", "description": ""})
    assert response.status_code == 302
    action = Action.query.one()
    assert action.owner_user_id == people.member.id and str(action.due_on) == "2026-09-01"
    bad = client.submit(f"/decisions/{decision.id}/actions", {
        "title": "Fout", "owner": "", "due": "01/09/2026", "status": "gepland", "objective": "", "weight": "1"})
    assert bad.status_code == 302 and Action.query.count() == 1
    assert "JJJJ-MM-DD" in client.get(f"/decisions/{decision.id}").get_data(as_text=True)


def test_member_cannot_record_decisions(client, make_meeting, people):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    item = _item(meeting, "Varia")
    client.login(people.member.email)
    assert client.submit(f"/meetings/{meeting.id}/items/{item.id}/decisions", {"text": "X"}).status_code == 403
    assert item.decisions == []


def test_owner_reports_progress_on_the_action_page(client, make_meeting, people):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    decision = services.create_decision(people.secretary, _item(meeting, "Varia"), "Besluit")
    action = actions.create_action(people.secretary, {"title": "Mijn taak", "owner": people.member.email},
                                    decision=decision)
    other = actions.create_action(people.secretary, {"title": "Niet van mij", "owner": "ACV"}, decision=decision)
    client.login(people.member.email)
    page = client.get(f"/actions/{action.id}").get_data(as_text=True)
    assert "Voortgang melden" in page and "Actie wijzigen" not in page
    response = client.submit(f"/actions/{action.id}", {"progress": "60", "value": "", "status": "",
                                                       "comment": "Eerste gesprekken gevoerd"})
    assert response.status_code == 302 and action.progress == 60 and action.status == "lopend"
    assert "Eerste gesprekken gevoerd" in client.get(f"/actions/{action.id}").get_data(as_text=True)
    bad = client.submit(f"/actions/{action.id}", {"progress": "veel", "status": "", "comment": ""})
    assert bad.status_code == 400 and "getal" in bad.get_data(as_text=True)
    assert "Voortgang melden" not in client.get(f"/actions/{other.id}").get_data(as_text=True)
    assert client.submit(f"/actions/{other.id}", {"progress": "10", "status": ""}).status_code == 403
    assert client.get(f"/actions/{action.id}/edit").status_code == 403


def test_dashboard_shows_lines_overdue_first_mine_and_charts(client, make_meeting, people):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    decision = services.create_decision(people.secretary, _item(meeting, "Mobiliteitsplan regio Leuven"),
                                        "Besluit", 4)
    objective = objectives.create_objective(people.secretary, meeting.body, {
        "title": "Meer fietsers", "action_line": 4, "indicator": "Aandeel fietsverplaatsingen woon-werk",
        "unit": "%", "baseline": 20, "target": 30})
    objectives.report_objective_value(people.secretary, objective, 25)
    yesterday = (actions.today() - timedelta(days=2)).isoformat()
    actions.create_action(people.secretary, {"title": "Later", "due": "2099-01-01"}, decision=decision)
    actions.create_action(people.secretary, {"title": "Achterstallig", "due": yesterday,
                                              "owner": people.member.email}, decision=decision)
    client.login(people.member.email)
    page = client.get("/actions").get_data(as_text=True)
    line = page[page.index('id="line-4"'):]
    assert line.index("Achterstallig") < line.index("Later")
    assert 'class="is-overdue"' in page and "te laat" in page
    mine = page[page.index("Mijn acties"):page.index("Acties filteren")]
    assert "Achterstallig" in mine and "Later" not in mine
    assert '<svg class="progress-chart" role="img"' in page and "Meer fietsers: 50%" in page
    assert 'width="100"' in page  # 50% of the 200-wide bar
    filtered = client.get("/actions?overdue=1").get_data(as_text=True)
    section = filtered[filtered.index("Gefilterde acties"):filtered.index('id="line-1"')]
    assert "Achterstallig" in section and "Later" not in section


def test_objectives_pages(client, people, request_ctx):
    client.login(people.secretary.email)
    page = client.get("/objectives/new").get_data(as_text=True)
    assert "Indicator" in page
    bad = client.submit("/objectives/new", {"body": "taskforce", "action_line": "3", "title": "Vacatures",
                                            "target": "veel", "baseline": "", "target_date": ""})
    assert bad.status_code == 400 and "Streefwaarde moet een getal zijn" in bad.get_data(as_text=True)
    assert Objective.query.count() == 0
    response = client.submit("/objectives/new", {
        "body": "taskforce", "action_line": "3", "title": "Vacatures knelpuntberoepen",
        "indicator": "Aantal vacatures knelpuntberoepen ingevuld", "unit": "vacatures", "baseline": "0",
        "target": "200", "target_date": "2027-12-31"})
    assert response.status_code == 302
    objective = Objective.query.one()
    response = client.submit(f"/objectives/{objective.id}", {"value": "50", "comment": "Eerste telling"})
    assert response.status_code == 302
    page = client.get(f"/objectives/{objective.id}").get_data(as_text=True)
    assert "Eerste telling" in page and "25%" in page
    assert "Vacatures knelpuntberoepen" in client.get("/objectives").get_data(as_text=True)
    client.logout()
    client.login(people.member.email)
    assert client.get("/objectives/new").status_code == 403


def test_an_anonymous_measurement_goes_to_the_login_page(client, make_meeting, people):
    meeting = make_meeting()
    objective = objectives.create_objective(people.secretary, meeting.body, {
        "title": "Publiek doel", "action_line": 1, "is_public": True})
    assert client.get(f"/objectives/{objective.id}").status_code == 200
    response = client.submit(f"/objectives/{objective.id}", {"value": "3"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert not objective.updates
