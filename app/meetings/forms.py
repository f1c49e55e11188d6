"""Forms for planning meetings and editing agendas."""
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField, DateField, HiddenField, IntegerField, SelectField, StringField, SubmitField,
    TextAreaField, TimeField, URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional, ValidationError

from app.core.forms import Form

KIND_CHOICES = (
    ("ter_informatie", _l("Ter informatie")),
    ("ter_bespreking", _l("Ter bespreking")),
    ("ter_beslissing", _l("Ter beslissing")),
)


class MeetingForm(Form):
    title = StringField(_l("Titel"), validators=[Optional(), Length(max=300)],
                        description=_l("Laat leeg om de naam van het orgaan te gebruiken."))
    date = DateField(_l("Datum"), validators=[DataRequired(message=_l("Een datum is verplicht."))])
    start_time = TimeField(_l("Begin"), validators=[DataRequired(message=_l("Een beginuur is verplicht."))])
    end_time = TimeField(_l("Einde"), validators=[Optional()])
    location = StringField(_l("Plaats"), validators=[Optional(), Length(max=300)])
    online_url = URLField(_l("Link voor online deelname"),
                          validators=[Optional(), URL(message=_l("Geef een volledig adres (https://...).")),
                                      Length(max=500)])
    is_public = BooleanField(_l("Agenda publiek zodra gepubliceerd"))
    agenda_version = HiddenField()
    submit = SubmitField(_l("Opslaan"))

    def validate_end_time(self, field):
        if field.data and self.start_time.data and field.data <= self.start_time.data:
            raise ValidationError(_l("Een vergadering kan niet eindigen voor ze begint."))


class ItemForm(Form):
    title = StringField(_l("Titel"), validators=[DataRequired(message=_l("Een titel is verplicht.")), Length(max=300)])
    description = TextAreaField(_l("Beschrijving (Markdown)"), validators=[Optional(), Length(max=100_000)])
    kind = SelectField(_l("Soort"), choices=[SelectChoice(v, label) for v, label in KIND_CHOICES],
                       default="ter_informatie")
    presenter = StringField(_l("Toelichting door"), validators=[Optional(), Length(max=200)])
    action_line = SelectField(_l("Actielijn"), coerce=int, default=0)
    duration = IntegerField(_l("Duur (minuten)"), validators=[Optional(), NumberRange(min=1, max=600)])
    public = BooleanField(_l("Openbaar punt (niet besloten)"), default=True)
    agenda_version = HiddenField()
    submit = SubmitField(_l("Opslaan"))

    def set_action_lines(self, lines):
        self.action_line.choices = [SelectChoice(0, _l("Geen"))] + [
            SelectChoice(line.number, line.label) for line in lines]

    def data_for_service(self) -> dict:
        return {
            "title": self.title.data, "description": self.description.data or "", "kind": self.kind.data,
            "presenter": self.presenter.data or "", "action_line": self.action_line.data or None,
            "duration": self.duration.data, "public": self.public.data,
        }


class SkipForm(Form):
    reason = StringField(_l("Reden"), validators=[DataRequired(message=_l("Geef een reden.")), Length(max=1000)])
    agenda_version = HiddenField()
    submit = SubmitField(_l("Overslaan"))


class TransitionForm(Form):
    transition = HiddenField(validators=[DataRequired()])
    comment = StringField(_l("Opmerking"), validators=[Optional(), Length(max=1000)])
