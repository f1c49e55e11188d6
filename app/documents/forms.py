"""Forms for folders and documents."""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired, MultipleFileField
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.core.forms import Form


class FolderForm(Form):
    title = StringField(_l("Titel"), validators=[DataRequired(), Length(max=300)])
    description = TextAreaField(_l("Beschrijving"), validators=[Optional(), Length(max=5000)])
    body = SelectField(_l("Orgaan"), choices=[], validate_choice=False)
    submit = SubmitField(_l("Map opslaan"))


class DocumentForm(Form):
    title = StringField(_l("Titel"), validators=[DataRequired(), Length(max=300)])
    description = TextAreaField(_l("Beschrijving"), validators=[Optional(), Length(max=5000)])
    text = TextAreaField(_l("Tekst (Markdown)"), validators=[Optional()])
    tags = StringField(_l("Trefwoorden (gescheiden door komma’s)"), validators=[Optional(), Length(max=1000)])
    body = SelectField(_l("Orgaan"), choices=[], validate_choice=False)
    folder = SelectField(_l("Map"), choices=[], validate_choice=False)
    meeting = SelectField(_l("Vergadering"), choices=[], validate_choice=False)
    agenda_item = HiddenField()
    file = FileField(_l("Bestand (PDF, DOCX, ODT, TXT of MD)"))
    comment = StringField(_l("Opmerking bij deze wijziging"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Opslaan"))


class ReplaceFileForm(Form):
    file = FileField(_l("Nieuw bestand"), validators=[FileRequired(_l("Kies een bestand."))])
    comment = StringField(_l("Opmerking"), validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Bestand vervangen"))


class MoveForm(Form):
    folder = SelectField(_l("Naar map"), choices=[], validate_choice=False)
    submit = SubmitField(_l("Verplaatsen"))


class TransitionForm(Form):
    transition = HiddenField(validators=[DataRequired()])
    comment = StringField(_l("Opmerking"), validators=[Optional(), Length(max=500)])


#: the visibility a document gets when attached from an agenda item (CONTENT_WORKFLOW's states)
VISIBILITY_CHOICES = (
    ("private", _l("Privé: alleen het secretariaat")),
    ("internal", _l("Intern: de leden van het orgaan")),
    ("published", _l("Publiek: iedereen")),
)


class AttachForm(Form):
    """One or several files for an agenda item (the meeting page's form and its own page)."""
    files = MultipleFileField(_l("Bestanden (PDF, DOCX, ODT, TXT of MD)"))
    #: choices set by the route (a closed item offers no "published")
    visibility = SelectField(_l("Zichtbaarheid"), choices=[], validate_choice=False)
    submit = SubmitField(_l("Documenten toevoegen"))
