"""Forms of the admin pages; choices that depend on the database are filled in by the routes."""
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField, EmailField, IntegerField, RadioField, SelectField, StringField,
    SubmitField, TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.auth.models import GLOBAL_ROLES
from app.bodies.models import AGENDA_ITEM_KINDS, MAJORITY_RULES, MEMBERSHIP_ROLES, ORGANISATION_KINDS
from app.core.forms import Form

#: Dutch labels of the stored codes (the codes themselves stay as they are in the database)
ROLE_LABELS = {
    "beheerder": _l("beheerder"),
    "secretaris": _l("secretaris"),
    "voorzitter": _l("voorzitter"),
    "lid": _l("lid"),
    "waarnemer": _l("waarnemer"),
    "plaatsvervanger": _l("plaatsvervanger"),
}
ORGANISATION_KIND_LABELS = {
    "gemeente": _l("gemeente"),
    "vakbond": _l("vakbond"),
    "werkgeversorganisatie": _l("werkgeversorganisatie"),
    "provincie": _l("provincie"),
    "deskundige": _l("deskundige"),
    "intercommunale": _l("intercommunale"),
    "taskforce": _l("taskforce"),
}
MAJORITY_RULE_LABELS = {
    "simple": _l("Gewone meerderheid: meer stemmen voor dan tegen (onthoudingen tellen niet mee)"),
    "absolute": _l("Volstrekte meerderheid: meer dan de helft van de uitgebrachte stemmen, onthoudingen inbegrepen"),
    "two_thirds": _l("Tweederdemeerderheid: minstens twee derde van de stemmen voor en tegen"),
}
ITEM_KIND_LABELS = {
    "ter_informatie": _l("ter informatie"),
    "ter_bespreking": _l("ter bespreking"),
    "ter_beslissing": _l("ter beslissing"),
}


def options(pairs) -> list[SelectChoice]:
    """Select choices from (value, label) pairs (WTForms 3.3 deprecates plain tuples)."""
    return [SelectChoice(value, label) for value, label in pairs]


def _optional_id(value):
    """'' from a select means 'none'."""
    return int(value) if value not in (None, "", "None") else None


class UserForm(Form):
    name = StringField(_l("Naam"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(), Length(max=254)])
    global_role = SelectField(
        _l("Globale rol"),
        choices=options([("", _l("— geen (alleen rollen per orgaan)"))] + [(r, ROLE_LABELS[r]) for r in GLOBAL_ROLES]),
        validate_choice=True,
    )
    organisation = SelectField(_l("Organisatie"), coerce=_optional_id, validate_choice=True)
    active = BooleanField(_l("Actief (kan zich aanmelden)"), default=True)
    submit = SubmitField(_l("Opslaan"))


class OrganisationForm(Form):
    name = StringField(_l("Naam"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Soort"), choices=options((k, ORGANISATION_KIND_LABELS[k]) for k in ORGANISATION_KINDS))
    submit = SubmitField(_l("Opslaan"))


class BodyForm(Form):
    #: empty for a new body: made from the name (the service's suggest_slug; static/js/slug.js shows it)
    slug = StringField(_l("Korte naam (in adressen)"), validators=[Optional(), Length(max=80)])
    name = StringField(_l("Naam"), validators=[DataRequired(), Length(max=200)])
    abbreviation = StringField(_l("Afkorting"), validators=[DataRequired(), Length(max=12)])
    description = TextAreaField(_l("Beschrijving"), validators=[Length(max=5000)])
    reports_to = SelectField(_l("Rapporteert aan"), validate_choice=True)
    min_meetings_per_year = IntegerField(
        _l("Minimum aantal vergaderingen per jaar"), default=0,
        validators=[InputRequired(), NumberRange(min=0, max=366)],
    )
    #: empty: more than half of the voting members; the service checks the upper bound
    quorum = IntegerField(_l("Quorum (aantal stemgerechtigde leden)"), validators=[Optional(), NumberRange(min=1)])
    majority_rule = SelectField(_l("Meerderheidsregel bij stemmingen"),
                                choices=options((r, MAJORITY_RULE_LABELS[r]) for r in MAJORITY_RULES), default="simple")
    submit = SubmitField(_l("Opslaan"))


class MembershipForm(Form):
    user = SelectField(_l("Persoon"), coerce=int, validate_choice=True)
    role = SelectField(_l("Rol in dit orgaan"), choices=options((r, ROLE_LABELS[r]) for r in MEMBERSHIP_ROLES))
    organisation = SelectField(_l("Vertegenwoordigt"), coerce=_optional_id, validate_choice=True)
    submit = SubmitField(_l("Lid toevoegen"))


class MembershipRoleForm(Form):
    """One per row of the member list, told apart by a prefix."""
    role = SelectField(_l("Rol"), choices=options((r, ROLE_LABELS[r]) for r in MEMBERSHIP_ROLES))
    submit = SubmitField(_l("Rol wijzigen"))


class FixedItemForm(Form):
    title = StringField(_l("Titel"), validators=[DataRequired(), Length(max=300)])
    description = TextAreaField(_l("Beschrijving (Markdown)"), validators=[Length(max=20000)])
    kind = SelectField(_l("Soort"), choices=options((k, ITEM_KIND_LABELS[k]) for k in AGENDA_ITEM_KINDS))
    mandatory = RadioField(
        _l("Karakter"),
        choices=options([
            ("mandatory", _l("Verplicht: kan nooit van een agenda verdwijnen")),
            ("standing", _l("Staand: komt op elke agenda, maar mag overgeslagen worden (zoals Varia)")),
        ]),
        default="mandatory",
    )
    feedback_from = SelectField(_l("Terugkoppeling van"), validate_choice=True)
    submit = SubmitField(_l("Opslaan"))
