"""The one way routes handle a posted form: validate, call the service, show what to correct.

Only what the user can correct (`CORRECTABLE`: bad input, a clash with the current state, a
vanished object) becomes a message on the form; `NotAllowed` is never turned into a message and
reaches the error handler as a 403.
"""
from dataclasses import dataclass
from typing import Any, Callable

from flask import flash
from flask_babel import gettext as _

from app.core.errors import CORRECTABLE


@dataclass
class Submission:
    """What became of a form: not posted (or invalid fields), refused with a message, or done."""
    posted: bool
    value: Any = None
    error: str | None = None
    #: the HTTP status a page answers with when it shows the form again
    status: int = 200

    @property
    def ok(self) -> bool:
        return self.posted and self.error is None


def submit(form, call: Callable[[], Any]) -> Submission:
    """Validate `form` (CSRF included); when valid, run `call` (the service) and keep its answer."""
    if not form.validate_on_submit():
        return Submission(posted=False, status=400 if form.is_submitted() else 200)
    return run(call)


def run(call: Callable[[], Any]) -> Submission:
    """Run a service for a posted button (CSRF checked globally): its answer, or what to correct."""
    try:
        return Submission(posted=True, value=call())
    except CORRECTABLE as error:
        return Submission(posted=True, error=error.message, status=error.status)


def field_errors(form) -> str:
    """The form's field messages in one sentence, for a flash after a redirect."""
    return " ".join(message for messages in form.errors.values() for message in messages)


def submit_and_flash(form, call: Callable[[], Any], success) -> Submission:
    """For a form posted from a page that redirects back: flash the outcome. `success` is a
    message or a function of the service's answer giving one."""
    result = submit(form, call)
    if result.ok:
        flash(success(result.value) if callable(success) else success, "success")
    else:
        flash(result.error or field_errors(form) or _("Ongeldige invoer."), "error")
    return result
