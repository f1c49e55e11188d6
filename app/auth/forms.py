"""Login and password forms: sign in, change, forget and choose a password."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from app.core.forms import Form


class LoginForm(Form):
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(), Length(max=200)])
    remember = BooleanField(_l("Aangemeld blijven"))
    submit = SubmitField(_l("Aanmelden"))


class ChangePasswordForm(Form):
    current = PasswordField(_l("Huidig wachtwoord"), validators=[DataRequired()])
    new = PasswordField(_l("Nieuw wachtwoord"), validators=[DataRequired(), Length(min=10, max=200)])
    confirm = PasswordField(
        _l("Herhaal het nieuwe wachtwoord"),
        validators=[DataRequired(), EqualTo("new", message=_l("De wachtwoorden verschillen."))],
    )
    submit = SubmitField(_l("Wachtwoord wijzigen"))


class ForgotPasswordForm(Form):
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(), Length(max=254)],
                       render_kw={"autocomplete": "email"})
    submit = SubmitField(_l("Stuur mij een link"))


class ChoosePasswordForm(Form):
    new = PasswordField(_l("Nieuw wachtwoord"), validators=[DataRequired(), Length(min=10, max=200)],
                        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(
        _l("Herhaal het nieuwe wachtwoord"),
        validators=[DataRequired(), EqualTo("new", message=_l("De wachtwoorden verschillen."))],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Wachtwoord bewaren"))
