"""An objective's indicator is measured on the objective only: a dated series with a chart; an
action's figures never replace it, unless the objective is the sum of its actions' contributions."""
import re
from datetime import date, timedelta

import pytest

from app.core.errors import Conflict, Invalid, NotAllowed
from app.decisions import actions, objectives
from app.decisions.demo import record_demo_decisions, seed_demo_actions
from app.decisions.models import MAX_COMMENT, Objective, ProgressUpdate
from app.meetings.demo import seed_demo_meetings


@pytest.fixture
def hectares(people, request_ctx):
    """Ruimte om te ondernemen: hectare bedrijventerrein herbestemd, from 0 to 40 ha."""
    body = people.secretary.memberships[0].body
    return objectives.create_objective(people.secretary, body, {
        "title": "Bedrijventerreinen herbestemmen", "action_line": 2, "is_public": True,
        "indicator": "Hectare bedrijventerrein herbestemd", "unit": "ha", "baseline": 0, "target": 40})


@pytest.fixture
def summing(people, request_ctx):
    """Vacatures knelpuntberoepen ingevuld: the sum of what each action reports."""
    body = people.secretary.memberships[0].body
    return objectives.create_objective(people.secretary, body, {
        "title": "Vacatures knelpuntberoepen invullen", "action_line": 3, "is_public": True,
        "indicator": "Aantal vacatures knelpuntberoepen ingevuld", "unit": "vacatures", "baseline": 0,
        "target": 500, "sums_actions": True})


def _action(people, objective, title, **data):
    return actions.create_action(people.secretary, {"title": title, "objective": objective.id, **data},
                                 body=objective.body)


def _values(objective):
    return [m.value for m in objectives.list_measurements(objective)]


# --- services ------------------------------------------------------------------------------------

def test_an_actions_figure_never_replaces_the_objectives_measurement(hectares, people):
    objectives.report_objective_value(people.secretary, hectares, 6, "Telling Haasrode en Tienen")
    action = _action(people, hectares, "Inventaris leegstaande bedrijfspanden")
    actions.report_progress(people.secretary, action, {"progress": 30, "value": 3, "comment": "Haasrode"})
    progress = objectives.objective_progress(hectares)
    assert progress["value"] == 6 and progress["source"] == "indicator"
    assert progress["fraction"] == pytest.approx(6 / 40)
    assert _values(hectares) == [6]
    assert objectives.latest_measurement(hectares).comment == "Telling Haasrode en Tienen"
    assert action.updates[0].measured_on == actions.today()  # the action's figure is dated too


def test_measurements_run_newest_first_by_day_measured_then_as_reported(hectares, people):
    for value, day in ((4, "2026-01-10"), (6, "2026-03-01"), (5, "2026-02-01"), (7, "2026-03-01")):
        objectives.report_objective_value(people.secretary, hectares, value, measured_on=day)
    assert _values(hectares) == [7, 6, 5, 4]
    assert objectives.objective_progress(hectares)["measured_on"] == date(2026, 3, 1)
    earlier = objectives.report_objective_value(people.secretary, hectares, 3, measured_on="2025-12-01")
    assert _values(hectares) == [7, 6, 5, 4, 3] and objectives.latest_measurement(hectares).value == 7
    today = objectives.report_objective_value(people.secretary, hectares, "8,5")
    assert today.measured_on == actions.today() and earlier.measured_on == date(2025, 12, 1)
    assert objectives.objective_progress(hectares)["value"] == 8.5


def test_a_measurement_needs_a_number_and_a_day_not_in_the_future(hectares, people):
    tomorrow = (actions.today() + timedelta(days=1)).isoformat()
    for value, day, comment in ((None, None, ""), ("", None, ""), ("veel", None, ""), (True, None, ""),
                                (6, tomorrow, ""), (6, "morgen", ""), (6, "2026-02-30", ""), (6, 20260101, ""),
                                (6, None, "x" * (MAX_COMMENT + 1)), (6, None, 5)):
        with pytest.raises(Invalid):
            objectives.report_objective_value(people.secretary, hectares, value, comment, measured_on=day)
    with pytest.raises(NotAllowed):
        objectives.report_objective_value(people.member, hectares, 6)
    assert ProgressUpdate.query.count() == 0


def test_a_summing_objective_adds_up_its_actions_latest_contributions(summing, people):
    fair = _action(people, summing, "Jobbeurs Oost-Brabant")
    training = _action(people, summing, "Opleidingsaanbod afstemmen")
    cancelled = _action(people, summing, "Geschrapte campagne")
    _action(people, summing, "Nog niets gemeld")
    assert objectives.objective_progress(summing)["value"] is None
    actions.report_progress(people.secretary, fair, {"value": 100})
    actions.report_progress(people.secretary, fair, {"value": 140, "comment": "Jobbeurs gehouden"})
    actions.report_progress(people.secretary, training, {"value": 45})
    actions.report_progress(people.secretary, training, {"progress": 50})  # no figure: 45 still counts
    actions.report_progress(people.secretary, cancelled, {"value": 300})
    actions.update_action(people.secretary, cancelled, {"status": "geannuleerd"})
    progress = objectives.objective_progress(summing)
    assert progress["value"] == 185 and progress["summed"] and progress["source"] == "indicator"
    assert progress["fraction"] == pytest.approx(185 / 500)
    assert [(a.title, u.value) for a, u in objectives.action_contributions(summing)] == [
        ("Jobbeurs Oost-Brabant", 140), ("Opleidingsaanbod afstemmen", 45)]
    assert objectives.list_measurements(summing) == []


def test_a_summing_objective_refuses_a_direct_measurement(summing, people):
    with pytest.raises(Conflict) as refused:
        objectives.report_objective_value(people.secretary, summing, 200)
    assert "som van de bijdragen van de acties" in refused.value.message
    assert ProgressUpdate.query.count() == 0
    objectives.update_objective(people.secretary, summing, {"sums_actions": False})
    objectives.report_objective_value(people.secretary, summing, 200)
    assert objectives.objective_progress(summing)["value"] == 200


def test_summing_needs_an_indicator_and_a_yes_or_no(summing, hectares, people):
    body = summing.body
    with pytest.raises(Invalid):
        objectives.create_objective(people.secretary, body, {"title": "Som", "action_line": 3, "sums_actions": True})
    with pytest.raises(Invalid):
        objectives.update_objective(people.secretary, summing, {"indicator": ""})
    with pytest.raises(Invalid):
        objectives.update_objective(people.secretary, hectares, {"sums_actions": "ja"})
    assert summing.indicator and not hectares.sums_actions


# --- API -----------------------------------------------------------------------------------------

def test_the_api_gives_the_objectives_own_latest_value_and_its_measurements(api, hectares, people):
    objectives.report_objective_value(people.secretary, hectares, 2, "Eerste telling", measured_on="2025-10-01")
    objectives.report_objective_value(people.secretary, hectares, 6, "Tweede telling", measured_on="2026-02-01")
    action = _action(people, hectares, "Inventaris leegstaande bedrijfspanden")
    actions.report_progress(people.secretary, action, {"value": 3})
    data = api.get(f"/api/objectives/{hectares.id}").get_json()
    assert data["latest_value"] == 6 and data["sums_actions"] is False and data["progress"] == 15.0
    assert data["measurements"] == [{"value": 6, "measured_on": "2026-02-01", "comment": "Tweede telling"},
                                    {"value": 2, "measured_on": "2025-10-01", "comment": "Eerste telling"}]


def test_measuring_through_the_api_answers_each_case(api, hectares, summing, people):
    url = f"/api/objectives/{hectares.id}/progress"
    assert api.post(url, json={"value": 6}).status_code == 401
    api.login(people.member.email)
    assert api.post(url, json={"value": 6}).status_code == 403
    api.login(people.secretary.email)
    tomorrow = (actions.today() + timedelta(days=1)).isoformat()
    for payload in ({}, {"value": "veel"}, {"value": 6, "measured_on": tomorrow},
                    {"value": 6, "measured_on": "1-2-2026"}, {"value": 6, "measured_on": 5}, {"value": [6]},
                    {"value": 6, "comment": {"x": 1}}):
        response = api.post(url, json=payload)
        assert response.status_code == 400, payload
        assert set(response.get_json()) == {"error", "detail"}
    refused = api.post(f"/api/objectives/{summing.id}/progress", json={"value": 200})
    assert refused.status_code == 409 and "som van de bijdragen" in refused.get_json()["error"]
    assert api.post("/api/objectives/999999/progress", json={"value": 6}).status_code == 404
    assert ProgressUpdate.query.count() == 0
    created = api.post(url, json={"value": "6,5", "measured_on": "2026-01-15", "comment": "Telling"})
    assert created.status_code == 201
    assert created.get_json()["measured_on"] == "2026-01-15" and created.get_json()["value"] == 6.5
    assert api.get(f"/api/objectives/{hectares.id}").get_json()["latest_value"] == 6.5


def test_the_api_sets_and_shows_a_summing_objective(api, summing, people):
    fair = _action(people, summing, "Jobbeurs Oost-Brabant")
    actions.report_progress(people.secretary, fair, {"value": 140})
    data = api.get(f"/api/objectives/{summing.id}").get_json()
    assert data["sums_actions"] is True and data["latest_value"] == 140 and data["measurements"] == []
    api.login(people.secretary.email)
    url = f"/api/objectives/{summing.id}"
    assert api.patch(url, json={"sums_actions": "nee"}).status_code == 400
    assert api.patch(url, json={"indicator": ""}).status_code == 400
    response = api.patch(url, json={"sums_actions": False})
    assert response.status_code == 200
    assert response.get_json()["sums_actions"] is False and response.get_json()["latest_value"] is None
    response = api.post("/api/objectives", json={"body": "taskforce", "title": "Som", "action_line": 3,
                                                 "indicator": "Vacatures", "sums_actions": True})
    assert response.status_code == 201 and response.get_json()["sums_actions"] is True


# --- pages ---------------------------------------------------------------------------------------

def test_the_page_shows_the_series_newest_first_and_a_chart(client, hectares, people):
    for value, day in ((2, "2025-10-01"), (6, "2026-02-01"), (4.5, "2025-12-15")):
        objectives.report_objective_value(people.secretary, hectares, value, measured_on=day)
    action = _action(people, hectares, "Inventaris leegstaande bedrijfspanden")
    actions.report_progress(people.secretary, action, {"value": 3})
    page = client.get(f"/objectives/{hectares.id}").get_data(as_text=True)
    table = page[page.index("<caption>Metingen van"):page.index("</table>", page.index("<caption>Metingen van"))]
    assert re.findall(r"<td>([\d.]+) ha</td>", table) == ["6", "4.5", "2"]
    assert "3 ha" not in table
    svg = page[page.index("<svg role=\"img\""):page.index("</svg>", page.index("<svg role=\"img\""))]
    assert "<title id=\"measurement-chart-title\">Metingen van Hectare bedrijventerrein herbestemd</title>" in svg
    assert "3 metingen, van" in svg and "Streefwaarde: 40 ha." in svg
    assert svg.count("<circle") == 3 and "<polyline" in svg
    assert "objective-chart__baseline" in svg and "objective-chart__target" in svg
    assert "<script" not in page[page.index("<h2 id=\"measurements\">"):]
    assert "Laatste meting" in page and "6 ha" in page


def test_measuring_on_the_page(client, hectares, people):
    url = f"/objectives/{hectares.id}"
    client.login(people.secretary.email)
    page = client.get(url).get_data(as_text=True)
    assert 'name="measured_on"' in page and "Nog geen metingen." in page
    tomorrow = (actions.today() + timedelta(days=1)).isoformat()
    bad = client.submit(url, {"value": "6", "measured_on": tomorrow, "comment": ""})
    assert bad.status_code == 400 and "niet in de toekomst" in bad.get_data(as_text=True)
    bad = client.submit(url, {"value": "veel", "measured_on": "", "comment": ""})
    assert bad.status_code == 400 and "Gemeten waarde moet een getal zijn" in bad.get_data(as_text=True)
    assert client.submit(url, {"value": "", "measured_on": "", "comment": ""}).status_code == 400
    assert ProgressUpdate.query.count() == 0
    response = client.submit(url, {"value": "6", "measured_on": "2026-02-01", "comment": "Telling"})
    assert response.status_code == 302
    assert objectives.latest_measurement(hectares).measured_on == date(2026, 2, 1)
    assert "Telling" in client.get(url).get_data(as_text=True)


def test_the_page_of_a_summing_objective_lists_the_contributions_and_refuses_a_measurement(
        client, summing, people):
    fair = _action(people, summing, "Jobbeurs Oost-Brabant")
    training = _action(people, summing, "Opleidingsaanbod afstemmen")
    actions.report_progress(people.secretary, fair, {"value": 140})
    actions.report_progress(people.secretary, training, {"value": 45})
    url = f"/objectives/{summing.id}"
    public = client.get(url).get_data(as_text=True)  # actions without a decision are internal
    assert "Berekend als som van de bijdragen van de acties" in public and "185 vacatures" in public
    assert "Jobbeurs Oost-Brabant" not in public and "Acties die u niet kunt inzien" in public
    client.login(people.secretary.email)
    page = client.get(url).get_data(as_text=True)
    contributions = page[page.index('id="contributions"'):page.index("</table>")]
    assert "Jobbeurs Oost-Brabant" in contributions and "140 vacatures" in contributions
    assert "45 vacatures" in contributions and "185 vacatures" in contributions
    assert "Acties die u niet kunt inzien" not in contributions
    assert 'name="measured_on"' not in page and 'id="measurements"' not in page
    refused = client.submit(url, {"value": "200", "measured_on": "", "comment": ""})
    assert refused.status_code == 409 and "meld de cijfers bij de acties" in refused.get_data(as_text=True)
    assert ProgressUpdate.query.filter_by(objective_id=summing.id).count() == 0


def test_the_objective_form_sets_summing(client, hectares, people):
    client.login(people.secretary.email)
    url = f"/objectives/{hectares.id}/edit"
    assert "Indicator is de som van de bijdragen van de acties" in client.get(url).get_data(as_text=True)
    form = {"action_line": "2", "title": hectares.title, "description": "", "indicator": hectares.indicator,
            "unit": "ha", "baseline": "0", "target": "40", "target_date": "", "is_public": "y"}
    assert client.submit(url, {**form, "sums_actions": "y"}).status_code == 302
    assert hectares.sums_actions
    bad = client.submit(url, {**form, "indicator": "", "sums_actions": "y"})
    assert bad.status_code == 400 and "Geef de indicator" in bad.get_data(as_text=True)
    assert client.submit(url, form).status_code == 302
    assert not hectares.sums_actions


# --- demo data -----------------------------------------------------------------------------------

@pytest.mark.slow
def test_the_demo_objectives_have_a_measured_series(seeded, request_ctx):
    seed_demo_meetings(decide=record_demo_decisions)
    seed_demo_actions()
    measured = Objective.query.filter(Objective.indicator != "").all()
    assert len(measured) == 3
    for objective in measured:
        series = objectives.list_measurements(objective)
        days = [objectives.measured_day(m) for m in series]
        assert len(series) == 3 and days == sorted(set(days), reverse=True) and days[0] < actions.today()
        assert objectives.objective_progress(objective)["value"] == series[0].value
    hectares = Objective.query.filter_by(unit="ha").one()
    assert [m.value for m in objectives.list_measurements(hectares)] == [6, 4.5, 2]
