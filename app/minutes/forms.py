"""Forms for the minutes editor, restore, approval and the house-style upload."""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from app.core.forms import Form
from app.minutes.locks import MAX_REASON
from app.minutes.services import MAX_TEXT


class MinutesForm(Form):
    text = TextAreaField(_l("Verslag (Markdown)"), validators=[Length(max=MAX_TEXT)],
                         render_kw={"rows": 18, "data-minutes-editor": "1"})
    reason = StringField(_l("Reden van de wijziging"), validators=[Optional(), Length(max=MAX_REASON)])
    #: the revision the editor started from; a save on top of a newer one is refused
    base_revision = HiddenField()
    submit = SubmitField(_l("Bewaren"))
    preview = SubmitField(_l("Voorbeeld"))


class ReasonForm(Form):
    reason = StringField(_l("Reden"), validators=[Optional(), Length(max=MAX_REASON)])
    submit = SubmitField(_l("Terugzetten"))


class ApproveForm(Form):
    comment = StringField(_l("Opmerking bij de goedkeuring"), validators=[Optional(), Length(max=MAX_REASON)])
    submit = SubmitField(_l("Verslag vorige vergadering goedkeuren"))


class FollowUpForm(Form):
    comment = TextAreaField(_l("Wat werd gezegd"), validators=[Optional(), Length(max=5000)],
                            render_kw={"rows": 2})
    status = HiddenField()
    submit = SubmitField(_l("Opvolging bewaren"))


class HouseStyleForm(Form):
    file = FileField(_l("Word-sjabloon (.docx)"), validators=[FileRequired()],
                     render_kw={"accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
    submit = SubmitField(_l("Sjabloon opladen"))


class LogoForm(Form):
    """The body's logo for the letterhead, on the house-style page beside the template."""
    logo = FileField(_l("Logo (PNG of JPEG)"), validators=[FileRequired(_l("Kies een logo (PNG of JPEG)."))],
                     render_kw={"accept": "image/png,image/jpeg"})
    upload_logo = SubmitField(_l("Logo opladen"))
