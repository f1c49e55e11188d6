"""Text is checked at the edge: one-line fields refuse line breaks, no field takes NUL, control
characters or lone surrogates, in every form (app/core/forms.Form) and in the services the API
calls (app/core/input.clean_text)."""
import pytest
from flask_wtf import FlaskForm
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.errors import Invalid
from app.core.forms import Form
from app.core.text import check_text, text_problem, xml_safe
from app.meetings import queries

#: what an attacker (or a paste from an old system) puts where one line is expected
HOSTILE_LINES = ["A\r\nX-EVIL:1", "A\rX-EVIL:2", "A\nB", "A\u2028B", "A\u2029B", "A\x85B", "A\x0bB",
                 "A\x0cB", "A\x1cB", "nul\x00", "esc\x1b[31m", "lone \ud800", "lone \udfff", "not \ufffe", "del\x7f"]
#: refused in multi-line text too
HOSTILE_TEXT = ["nul\x00", "bell\x07", "esc\x1b[31m", "lone \ud800 surrogate", "vt\x0b", "not \uffff"]
FINE_LINES = ["Taskforce – “Spitsregio” café 😀", "tab\tis fine", "", "ÀÉÎ õ ß ﬁ 𝔘"]
FINE_TEXT = ["line 1\r\nline 2\n\nline 3\ttab", "line\u2028separator", "NEL\x85 too", *FINE_LINES]


@pytest.mark.parametrize("value", HOSTILE_LINES)
def test_a_line_refuses_breaks_and_controls(value):
    assert text_problem(value, multiline=False)
    with pytest.raises(Invalid, match="^De titel: "):
        check_text(value, "De titel", multiline=False)


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_multi_line_text_refuses_nul_controls_and_surrogates(value):
    assert text_problem(value, multiline=True)


@pytest.mark.parametrize("value", FINE_TEXT)
def test_ordinary_text_passes(value):
    assert text_problem(value, multiline=True) is None
    if value in FINE_LINES:
        assert text_problem(value, multiline=False) is None


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=())))  # surrogates included
def test_accepted_text_is_storable_and_xml_safe(value):
    if text_problem(value, multiline=True) is None:
        value.encode("utf-8")  # PostgreSQL and every export can write it
        assert "\x00" not in value and xml_safe(value) == value
        if text_problem(value, multiline=False) is None:
            assert len((value + "x").splitlines()) == 1


def test_every_form_of_the_app_checks_its_text(app):
    """A new form deriving from FlaskForm directly would skip the checks."""
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    forms = [cls for cls in subclasses(FlaskForm) if cls.__module__.startswith("app.")]
    assert len(forms) > 20
    assert [cls.__qualname__ for cls in forms if not issubclass(cls, Form)] == []


def test_the_form_base_checks_each_text_field_as_it_is_bound(app):
    from werkzeug.datastructures import MultiDict
    from wtforms import PasswordField, StringField, TextAreaField

    class Sample(Form):
        title = StringField()
        text = TextAreaField()
        password = PasswordField()

    with app.test_request_context(method="POST"):
        def errors(**data):
            form = Sample(formdata=MultiDict(data), meta={"csrf": False})
            form.validate()
            return set(form.errors)

        assert errors(title="A\r\nX", text="a\r\nb", password="p\nw") == {"title"}
        assert errors(title="ok", text="nul\x00", password="") == {"text"}
        assert errors(title="ok", text="a\nb", password="") == set()


def test_a_meeting_title_with_a_line_break_is_a_form_message(client, secretary):
    client.login("sec@example.be")
    for field, value in (("title", "A\r\nX-EVIL:1"), ("location", "Leuven\rX-EVIL:2"), ("title", "nul\x00")):
        response = client.submit("/bodies/taskforce/meetings/new", {
            "date": "2026-12-15", "start_time": "14:00", field: value})
        html = response.get_data(as_text=True)
        assert response.status_code == 400, field
        assert "Dit veld is één regel" in html or "teken dat hier niet kan" in html
    assert queries.visible_meetings(secretary) == []


def test_multi_line_fields_keep_line_breaks_but_refuse_nul(client, secretary, make_meeting):
    meeting = make_meeting(user=secretary)
    client.login("sec@example.be")
    url = f"/meetings/{meeting.id}/items/new"
    base = {"title": "Fietssnelweg", "kind": "ter_informatie", "action_line": "0"}
    refused = client.submit(url, {**base, "description": "a\x00b", "agenda_version": meeting.agenda_version})
    assert refused.status_code == 400 and "U+0000" in refused.get_data(as_text=True)
    saved = client.submit(url, {**base, "description": "regel 1\r\nregel 2",
                                "agenda_version": meeting.agenda_version})
    assert saved.status_code == 302
    item = next(each for each in meeting.items if each.title == "Fietssnelweg")
    assert item.description == "regel 1\nregel 2"
    minutes = client.submit(f"/meetings/{meeting.id}/items/{item.id}/minutes", {"text": "Besproken\x00"})
    assert minutes.status_code == 400 and "U+0000" in minutes.get_data(as_text=True)


def test_the_services_behind_the_api_refuse_the_same(api, secretary, make_meeting, make_decision):
    api.login("sec@example.be")
    for body in ({"title": "A\r\nX-EVIL:1"}, {"location": "a\ud800"}, {"location": "x\x00"}):
        response = api.post("/api/meetings", json={"body": "taskforce", "start": "2026-12-15T14:00", **body})
        assert response.status_code == 400, body
        assert response.get_json()["error"]
    meeting = make_meeting(user=secretary)
    item = meeting.items[-1]
    response = api.put(f"/api/meetings/{meeting.id}/items/{item.id}/minutes", json={"text": "a\x00"})
    assert response.status_code == 400
    response = api.post(f"/api/meetings/{meeting.id}/items", json={"title": "Punt\nX-EVIL:1"})
    assert response.status_code == 400
    decision = make_decision(meeting.items[0], "Besluit")
    response = api.post(f"/api/decisions/{decision.id}/actions", json={"title": "Actie\r\nX-EVIL:1"})
    assert response.status_code == 400
    for fields in ({"title": "Nota\x00"}, {"title": "Nota", "text": "tekst\x00"}, {"title": "Nota", "text": "a\udfff"}):
        response = api.post("/api/documents", json={"body": "taskforce", "text": "", **fields})
        assert response.status_code == 400, fields
