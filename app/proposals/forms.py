"""Forms to propose an agenda item and to decide on a proposal."""
from flask_babel import lazy_gettext as _l
from wtforms import MultipleFileField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from app.core.forms import Form
from app.meetings.forms import KIND_CHOICES


class ProposalForm(Form):
    title = StringField(_l("Titel van het agendapunt"),
                        validators=[DataRequired(message=_l("Een titel is verplicht.")), Length(max=300)])
    description = TextAreaField(_l("Toelichting (Markdown)"), validators=[Optional(), Length(max=20_000)])
    kind = SelectField(_l("Soort"), choices=[SelectChoice(v, label) for v, label in KIND_CHOICES],
                       default="ter_bespreking")
    files = MultipleFileField(_l("Documenten (PDF, DOCX, ODT, TXT of MD)"))
    submit = SubmitField(_l("Voorstel indienen"))

    def attachments(self) -> list[tuple[bytes, str]]:
        """The uploaded files as (bytes, file name); an empty file input sends none."""
        return [(upload.read(), upload.filename) for upload in self.files.data or () if upload and upload.filename]


class AcceptForm(Form):
    meeting = SelectField(_l("Op de vergadering van"), choices=[], validate_choice=False)
    presenter = StringField(_l("Toelichter"), validators=[Optional(), Length(max=200)])
    submit = SubmitField(_l("Aanvaarden"))


class PostponeForm(Form):
    note = TextAreaField(_l("Toelichting voor de indiener (niet verplicht)"),
                         validators=[Optional(), Length(max=2_000)])
    submit = SubmitField(_l("Uitstellen"))


class DeclineForm(Form):
    reason = TextAreaField(_l("Reden (verplicht)"), validators=[Optional(), Length(max=2_000)])
    submit = SubmitField(_l("Afwijzen"))
