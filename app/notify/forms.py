"""The notification preferences form."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SubmitField
from wtforms.fields.choices import SelectChoice

from app.core.forms import Form

KIND_LABELS = {
    "meetings": _l("Uitnodigingen voor vergaderingen, wijzigingen en annuleringen"),
    "minutes": _l("Ontwerpverslagen ter opmerking en goedgekeurde verslagen"),
    "decisions": _l("Gepubliceerde besluitenlijsten"),
    "actions": _l("Een actie die aan mij of mijn organisatie is toegewezen"),
    "reminders": _l("Herinneringen aan mijn acties die binnen een week vervallen of over tijd zijn"),
    "digest": _l("Wekelijks overzicht van achterstallige acties van mijn organen (secretariaat)"),
}


class PreferencesForm(Form):
    meetings = BooleanField(KIND_LABELS["meetings"])
    minutes = BooleanField(KIND_LABELS["minutes"])
    decisions = BooleanField(KIND_LABELS["decisions"])
    actions = BooleanField(KIND_LABELS["actions"])
    reminders = BooleanField(KIND_LABELS["reminders"])
    reminder_frequency = RadioField(_l("Herinneringen"), choices=[SelectChoice("daily", _l("dagelijks")), SelectChoice("weekly", _l("wekelijks"))],
                                    default="daily")
    digest = BooleanField(KIND_LABELS["digest"])
    submit = SubmitField(_l("Bewaren"))
