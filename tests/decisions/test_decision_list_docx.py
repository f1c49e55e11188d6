"""The decision list (besluitenlijst) as Word, per meeting and over a period, and the action list's
objective column, read back with python-docx (the decision list once as PDF with pypdf)."""
import io
from datetime import datetime
from types import SimpleNamespace

import pytest
from docx import Document
from pypdf import PdfReader

from app.bodies.services import get_body
from app.convert import convert_to_pdf
from app.decisions import actions, objectives, services as decisions
from app.meetings import services as meetings

ITEM = "Mobiliteitsplan regio Leuven"
HEADER = ["Nummer", "Agendapunt", "Besluit", "Uitslag", "Acties"]


@pytest.fixture
def listed(people, make_meeting, item_titled):
    """Two public Taskforce meetings: January's decision list published (TF-2026-01/1, with two
    actions), March's not yet (TF-2026-02/1)."""
    secretary = people.secretary
    january = make_meeting(start=datetime(2026, 1, 20, 14, 0), state="held", items=[ITEM], is_public=True)
    first = decisions.create_decision(secretary, item_titled(january, ITEM), "Het plan wordt **goedgekeurd**.")
    actions.create_action(secretary, {"title": "Plan bezorgen", "owner": people.member.email, "due": "2026-04-30"},
                          decision=first)
    actions.create_action(secretary, {"title": "Pers informeren", "owner": "UNIZO"}, decision=first)
    meetings.transition_meeting(people.admin, january, "publish_decisions")
    march = make_meeting(start=datetime(2026, 3, 10, 14, 0), state="held", items=[ITEM], is_public=True)
    second = decisions.create_decision(secretary, item_titled(march, ITEM), "De F25 krijgt voorrang.")
    return SimpleNamespace(january=january, march=march, first=first, second=second)


def _doc(client, url: str) -> Document:
    response = client.get(url, follow_redirects=True)
    assert response.status_code == 200, url
    return Document(io.BytesIO(response.data))


def _rows(doc) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in doc.tables[0].rows]


def test_the_decision_list_is_a_table_with_references_items_outcomes_and_actions(client, people, listed):
    client.login(people.member.email)
    doc = _doc(client, "/decisions.docx?body=taskforce")
    rows = _rows(doc)
    assert rows[0] == HEADER
    assert [row[0] for row in rows[1:]] == ["TF-2026-02/1", "TF-2026-01/1"]  # newest meeting first
    reference, item, text, outcome, listed_actions = rows[2]
    assert item == f"Taskforce Spitsregio Leuven, 20-01-2026\n4. {ITEM}"
    assert text == "Het plan wordt goedgekeurd." and outcome == ""
    decision_cell = doc.tables[0].rows[2].cells[2]
    assert any(run.bold and run.text == "goedgekeurd" for p in decision_cell.paragraphs for run in p.runs)
    assert listed_actions == "Plan bezorgen – Lotte Lid, 30-04-2026, gepland\nPers informeren – UNIZO, gepland"
    assert rows[1][4] == ""  # a decision without actions
    # per meeting: only its decisions, under the meeting's date
    one = _doc(client, f"/meetings/{listed.january.id}/decisions.docx")
    assert [row[0] for row in _rows(one)[1:]] == ["TF-2026-01/1"]
    assert "Taskforce Spitsregio Leuven, 20-01-2026" in [p.text for p in one.paragraphs]


def test_the_public_list_holds_only_published_decisions_and_no_persons(client, listed):
    rows = _rows(_doc(client, "/decisions.docx"))
    assert [row[0] for row in rows[1:]] == ["TF-2026-01/1"]
    assert rows[1][4] == "Plan bezorgen – 30-04-2026, gepland\nPers informeren – UNIZO, gepland"


def test_a_period_filter_with_from_and_to(client, people, listed):
    client.login(people.member.email)
    january = _doc(client, "/decisions.docx?from=2026-01-01&to=2026-01-31")
    assert [row[0] for row in _rows(january)[1:]] == ["TF-2026-01/1"]
    assert "Periode: 01-01-2026 – 31-01-2026" in [p.text for p in january.paragraphs]
    since = _doc(client, "/decisions.docx?from=2026-02-01")
    assert [row[0] for row in _rows(since)[1:]] == ["TF-2026-02/1"]
    assert "Vanaf 01-02-2026" in [p.text for p in since.paragraphs]
    until = _doc(client, "/decisions.docx?to=2026-01-20")
    assert [row[0] for row in _rows(until)[1:]] == ["TF-2026-01/1"]  # the end day included
    page = client.get("/decisions?from=2026-02-01").get_data(as_text=True)
    assert "TF-2026-02/1" in page and "TF-2026-01/1" not in page
    assert 'name="from" value="2026-02-01"' in page


@pytest.mark.parametrize("query, message", [
    ("from=2026-13-01", "deze datum bestaat niet"),
    ("to=gisteren", "geef een datum als JJJJ-MM-DD"),
    ("from=2026-03-01&to=2026-01-01", "De begindatum ligt na de einddatum."),
])
def test_a_bad_period_is_refused_with_a_400(client, people, listed, query, message):
    client.login(people.member.email)
    word = client.get(f"/decisions.docx?{query}")
    assert word.status_code == 400 and message in word.get_data(as_text=True)
    page = client.get(f"/decisions?{query}")
    assert page.status_code == 400 and message in page.get_data(as_text=True)


def test_the_action_list_shows_the_objective_and_its_measured_indicator(client, people, listed):
    secretary, taskforce = people.secretary, get_body("taskforce")
    cycling = objectives.create_objective(secretary, taskforce, {
        "title": "Meer fietsers", "indicator": "Aandeel fiets woon-werk", "unit": "%", "baseline": "10",
        "target": "20", "action_line": "4"})
    objectives.report_objective_value(secretary, cycling, "14.5")
    fair = objectives.create_objective(secretary, taskforce, {"title": "Jobbeurs Tienen", "action_line": "3"})
    actions.create_action(secretary, {"title": "Fietsbarometer", "objective": str(cycling.id)}, decision=listed.first)
    actions.create_action(secretary, {"title": "Standhouders zoeken", "objective": str(fair.id)}, decision=listed.first)
    client.login(people.member.email)
    rows = _rows(_doc(client, "/actions.docx"))
    assert rows[0] == ["Wat", "Wie", "Tegen wanneer", "Status", "Besluit", "Doelstelling", "Voortgang"]
    objective = {row[0]: row[5] for row in rows[1:]}
    assert objective["Fietsbarometer"] == "Meer fietsers – Aandeel fiets woon-werk: 14.5 % (streefwaarde 20 %)"
    assert objective["Standhouders zoeken"] == "Jobbeurs Tienen"
    assert objective["Plan bezorgen"] == ""
    # the objectives are the members' (not public): the public list leaves the column empty
    client.logout()
    public = {row[0]: row[5] for row in _rows(_doc(client, "/actions.docx"))[1:]}
    assert public["Fietsbarometer"] == ""


@pytest.mark.slow
def test_the_decision_list_as_pdf(client, people, listed):
    client.login(people.member.email)
    word = client.get("/decisions.docx?body=taskforce").data
    result = convert_to_pdf(word, "docx")
    assert result.status == "ok"
    reader = PdfReader(io.BytesIO(result.path.read_bytes()))
    # pypdf puts spaces where a line wraps in a narrow column, and sometimes inside a word: compare without
    text = "".join("".join((page.extract_text() or "").split()) for page in reader.pages)
    for expected in ("Besluitenlijst", "TF-2026-01/1", "TF-2026-02/1", "Hetplanwordtgoedgekeurd.",
                     "Planbezorgen–LotteLid,30-04-2026,gepland", "Uitslag"):
        assert expected in text
    assert "**" not in text
