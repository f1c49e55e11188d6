"""The one way routes handle a posted form: validate, call the service, show what to correct.

Only what the user can correct (`CORRECTABLE`: bad input, a clash with the current state, a
vanished object) becomes a message on the form; `NotAllowed` is never turned into a message and
reaches the error handler as a 403.

Every form of the app derives from `Form`, which checks each text field at the edge
(app/core/text.py): a one-line field refuses line breaks, no field takes NUL, control characters
or lone surrogates.
"""
from dataclasses import dataclass
from typing import Any, Callable

from flask import flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, TextAreaField
from wtforms.validators import ValidationError

from app.core.errors import CORRECTABLE
from app.core.text import text_problem


def _text_check(multiline: bool):
    def check(form, field):
        if isinstance(field.data, str):
            problem = text_problem(field.data, multiline)
            if problem is not None:
                raise ValidationError(problem)
    return check


class Form(FlaskForm):
    """FlaskForm, with the text checks added to every text field as it is bound (passwords are
    hashed, never shown or exported, and keep whatever their owner typed)."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            field = super().bind_field(form, unbound_field, options)
            if isinstance(field, StringField) and not isinstance(field, PasswordField):
                field.validators = [*field.validators, _text_check(isinstance(field, TextAreaField))]
            return field


@dataclass
class Submission:
    """What became of a form: not posted (or invalid fields), refused with a message, or done.

    `status` is the HTTP status of the page showing the form again: 200 for a first view, 400 for
    fields, and the refusal's own status otherwise (400, 404, 409; the login's 401 and 429).
    """
    posted: bool
    value: Any = None
    error: str | None = None
    #: the HTTP status a page answers with when it shows the form again
    status: int = 200

    @property
    def ok(self) -> bool:
        return self.posted and self.error is None


def submit(form, call: Callable[[], Any], correctable=CORRECTABLE) -> Submission:
    """Validate `form` (CSRF included); when valid, run `call` (the service) and keep its answer.

    `correctable` are the error classes shown as a message (the login form adds its own)."""
    if not form.validate_on_submit():
        return Submission(posted=False, status=400 if request.method == "POST" else 200)
    return run(call, correctable)


def run(call: Callable[[], Any], correctable=CORRECTABLE) -> Submission:
    """Run a service for a posted button (CSRF checked globally): its answer, or what to correct."""
    try:
        return Submission(posted=True, value=call())
    except correctable as error:
        return Submission(posted=True, error=error.message, status=error.status)


def field_errors(form) -> str:
    """The form's field messages in one sentence, for a flash after a redirect."""
    return " ".join(message for messages in form.errors.values() for message in messages)


def submit_and_flash(form, call: Callable[[], Any], success, correctable=CORRECTABLE) -> Submission:
    """For a form posted from a page that redirects back: flash the outcome. `success` is a
    message or a function of the service's answer giving one."""
    result = submit(form, call, correctable)
    if result.ok:
        _flash_success(success, result.value)
    else:
        flash(result.error or field_errors(form) or _("Ongeldige invoer."), "error")
    return result


def form_page(template: str, form, call: Callable[[], Any], success, target, **context):
    """A page with one form: show it; when posted and the service (`call`) accepts it, flash
    `success` and redirect to `target`; otherwise show it again with what to correct. `success`
    and `target` are values or functions of the service's answer."""
    result = submit(form, call)
    if result.ok:
        _flash_success(success, result.value)
        return redirect(target(result.value) if callable(target) else target)
    return show_again(template, form, result, **context)


def show_again(template: str, form, result: Submission, **context):
    """The form page once more, with the service's refusal among the form's errors, answering the
    submission's status (200 first view, 400 bad input, 404/409 what the service refused)."""
    if result.error:
        form.form_errors.append(result.error)
    return render_template(template, form=form, **context), result.status


def _flash_success(success, value) -> None:
    flash(success(value) if callable(success) else success, "success")
