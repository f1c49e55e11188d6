"""Forms for decisions, votes, objectives, actions and progress; the services check the values."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from app.auth.services import list_users
from app.bodies.services import list_action_lines, list_organisations
from app.core.forms import Form
from app.decisions.models import (
    ACTION_STATUSES, MAX_COMMENT, MAX_DECISION_TEXT, MAX_DESCRIPTION, MAX_TITLE, STATUS_LABELS,
)
from app.decisions.lookups import owner_key
from app.decisions.objectives import list_objectives


def options(pairs) -> list[SelectChoice]:
    """Select choices from (value, label) pairs (WTForms 3.3 deprecates plain tuples)."""
    return [SelectChoice(value, label) for value, label in pairs]


def action_line_choices() -> list[SelectChoice]:
    return options([("", _("(geen)"))] + [(str(line.number), line.label) for line in list_action_lines()])


def status_choices(blank: str | None = None) -> list[SelectChoice]:
    choices = [(s, STATUS_LABELS[s]) for s in ACTION_STATUSES]
    return options(([("", blank)] if blank is not None else []) + choices)


class DecisionForm(Form):
    text = TextAreaField(_l("Tekst van het besluit"), validators=[DataRequired(), Length(max=MAX_DECISION_TEXT)],
                         render_kw={"rows": 4})
    action_line = SelectField(_l("Actielijn"), validators=[Optional()])
    reason = StringField(_l("Reden (verplicht na vergrendeling)"), validators=[Optional(), Length(max=1000)])
    submit = SubmitField(_l("Besluit bewaren"))


class VoteForm(Form):
    voor = StringField(_l("Voor"), validators=[Optional()], render_kw={"inputmode": "numeric"})
    tegen = StringField(_l("Tegen"), validators=[Optional()], render_kw={"inputmode": "numeric"})
    onthouding = StringField(_l("Onthouding"), validators=[Optional()], render_kw={"inputmode": "numeric"})
    secret = BooleanField(_l("Geheime stemming (alleen de aantallen, nooit namen)"))
    reason = StringField(_l("Reden (verplicht na vergrendeling)"), validators=[Optional(), Length(max=1000)])
    submit = SubmitField(_l("Stemming bewaren"))


class ActionForm(Form):
    title = StringField(_l("Wat"), validators=[DataRequired(), Length(max=MAX_TITLE)])
    description = TextAreaField(_l("Omschrijving"), validators=[Optional(), Length(max=MAX_DESCRIPTION)],
                                render_kw={"rows": 3})
    owner = SelectField(_l("Wie (persoon of organisatie)"), validators=[Optional()])
    due = StringField(_l("Tegen wanneer"), validators=[Optional()], render_kw={"type": "date"})
    objective = SelectField(_l("Doelstelling"), validators=[Optional()])
    status = SelectField(_l("Status"), choices=status_choices())
    weight = StringField(_l("Gewicht in de doelstelling"), default="1", render_kw={"inputmode": "numeric"})
    submit = SubmitField(_l("Actie bewaren"))


class ProgressForm(Form):
    progress = StringField(_l("Voortgang (%)"), validators=[Optional()], render_kw={"inputmode": "numeric"})
    value = StringField(_l("Gemeten waarde"), validators=[Optional()], render_kw={"inputmode": "decimal"})
    status = SelectField(_l("Nieuwe status"), choices=status_choices(blank=_l("(ongewijzigd)")), validators=[Optional()])
    comment = TextAreaField(_l("Toelichting"), validators=[Optional(), Length(max=MAX_COMMENT)], render_kw={"rows": 3})
    submit = SubmitField(_l("Voortgang melden"))


class ObjectiveForm(Form):
    body = SelectField(_l("Orgaan"))
    action_line = SelectField(_l("Actielijn"), validators=[DataRequired()])
    title = StringField(_l("Doelstelling"), validators=[DataRequired(), Length(max=MAX_TITLE)])
    description = TextAreaField(_l("Omschrijving"), validators=[Optional(), Length(max=MAX_DESCRIPTION)],
                                render_kw={"rows": 3})
    indicator = StringField(_l("Indicator"), validators=[Optional(), Length(max=MAX_TITLE)])
    unit = StringField(_l("Eenheid"), validators=[Optional(), Length(max=40)])
    baseline = StringField(_l("Beginwaarde"), validators=[Optional()], render_kw={"inputmode": "decimal"})
    target = StringField(_l("Streefwaarde"), validators=[Optional()], render_kw={"inputmode": "decimal"})
    target_date = StringField(_l("Streefdatum"), validators=[Optional()], render_kw={"type": "date"})
    is_public = BooleanField(_l("Publiek zichtbaar"))
    sums_actions = BooleanField(_l("Indicator is de som van de bijdragen van de acties"))
    submit = SubmitField(_l("Doelstelling bewaren"))


class MeasurementForm(Form):
    value = StringField(_l("Gemeten waarde"), validators=[DataRequired()], render_kw={"inputmode": "decimal"})
    measured_on = StringField(_l("Gemeten op"), validators=[Optional()], render_kw={"type": "date"})
    comment = TextAreaField(_l("Toelichting"), validators=[Optional(), Length(max=MAX_COMMENT)], render_kw={"rows": 2})
    submit = SubmitField(_l("Meting bewaren"))


def action_form(user, body_id: int, formdata=None) -> ActionForm:
    """The action form with its choices: active people and organisations, the body's objectives."""
    form = ActionForm(formdata=formdata) if formdata is not None else ActionForm()
    form.owner.choices = options(
        [("", _("(nog niemand)"))]
        + [(f"user:{u.id}", u.name) for u in list_users() if u.active]
        + [(f"organisation:{o.id}", o.name) for o in list_organisations()]
    )
    form.objective.choices = options([("", _("(geen)"))] + [
        (str(o.id), f"{o.action_line.number}. {o.title}")
        for o in list_objectives(user) if o.body_id == body_id])
    return form


#: the fields of an action the minutes editor shows inline (the action's own page has them all)
INLINE_ACTION_FIELDS = ("title", "owner", "due", "objective", "status")


def action_data(form: ActionForm, fields=None) -> dict:
    """What the action form says, as `create_action` and `update_action` read it; with `fields`,
    only those (a form showing fewer fields leaves the others as they are)."""
    data = {"title": form.title.data, "description": form.description.data, "owner": form.owner.data,
            "due": form.due.data, "objective": form.objective.data, "status": form.status.data,
            "weight": form.weight.data}
    return data if fields is None else {name: data[name] for name in fields}


def fill_action_form(form: ActionForm, action) -> ActionForm:
    """`form` showing what `action` holds now."""
    form.title.data, form.description.data = action.title, action.description
    form.owner.data = owner_key(action)
    form.due.data = action.due_on.isoformat() if action.due_on else ""
    form.objective.data = str(action.objective_id or "")
    form.status.data, form.weight.data = action.status, str(action.weight)
    return form


def vote_form_for(decision) -> VoteForm:
    """The vote form holding the decision's counts as recorded (empty without a vote)."""
    form = VoteForm(formdata=None)
    for choice, value in (("voor", decision.votes_for), ("tegen", decision.votes_against),
                          ("onthouding", decision.votes_abstain)):
        getattr(form, choice).data = "" if value is None else str(value)
    form.secret.data = decision.vote_kind == "secret"
    return form


def posted_member_votes(formdata) -> dict[str, str]:
    """The per-member choices of a posted vote form (vote-<user id> fields), by user id."""
    return {key[len("vote-"):]: value for key, value in formdata.items() if key.startswith("vote-")}


def vote_request(form: VoteForm, formdata) -> dict:
    """The way of voting the pressed button asks for, as `record_votes` takes it: per member
    (mode=members), unanimous (mode=unanimous) or the counts, secret when ticked."""
    mode = formdata.get("mode")
    if mode == "members":
        return {"per_member": posted_member_votes(formdata)}
    if mode == "unanimous":
        return {"unanimous": True}
    return {"counts": {"voor": form.voor.data, "tegen": form.tegen.data, "onthouding": form.onthouding.data},
            "secret": form.secret.data}
