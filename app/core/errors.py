"""Domain errors raised by services, and the one place that maps them to HTTP."""
from flask import jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from app.extensions import db


class DomainError(Exception):
    """A refusal by a service; each kind names its HTTP status and its code in JSON answers."""
    status = 400
    code = "error"

    def __init_subclass__(cls, status: int | None = None, code: str | None = None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.status = cls.status if status is None else status
        cls.code = cls.code if code is None else code

    def __init__(self, message: str, detail=None):
        super().__init__(message)
        self.message = message
        self.detail = detail


class Invalid(DomainError, status=400, code="invalid"):
    """Bad input: a form message or a 400."""


class Unauthenticated(DomainError, status=401, code="unauthenticated"):
    """Signing in is needed: a 401 for the API, the login page for a browser."""


class NotAllowed(DomainError, status=403, code="forbidden"):
    """The user may not do this: 403 (or a login page for the anonymous)."""


class NotFound(DomainError, status=404, code="not_found"):
    """No such object (or none the user may see): 404."""


class TooManyAttempts(DomainError, status=429, code="too_many_attempts"):
    """Too many failed attempts in a row (logging in): wait and try again, 429."""


class Conflict(DomainError, status=409, code="conflict"):
    """The request clashes with the current state (a fixed item, a stale version): 409."""


#: the errors a form shows for the user to correct; NotAllowed always goes to the error page
CORRECTABLE = (Invalid, Conflict, NotFound)


def wants_json() -> bool:
    """Does the caller want a JSON answer (the API, or a script asking for JSON)?"""
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def error_response(status: int, message: str, detail=None, template: str = "errors/error.html"):
    if wants_json():
        return jsonify({"error": message, "detail": detail}), status
    return render_template(template, status=status, message=message), status


def register_error_handlers(app):
    @app.errorhandler(DomainError)
    def handle_domain_error(error: DomainError):
        if isinstance(error, Unauthenticated) and not wants_json():
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return error_response(error.status, error.message, error.detail)

    @app.errorhandler(CSRFError)
    def handle_csrf_error(error: CSRFError):
        return error_response(400, _("Het formulier is verlopen of ongeldig. Probeer opnieuw."), error.description)

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        messages = {
            400: _("Ongeldige aanvraag."),
            401: _("Aanmelden is nodig."),
            403: _("U hebt geen toegang tot deze pagina."),
            404: _("Deze pagina bestaat niet."),
            405: _("Deze methode is hier niet toegestaan."),
            413: _("Het bestand of formulier is te groot."),
            503: _("De dienst is tijdelijk niet beschikbaar. Probeer het later opnieuw."),
        }
        message = messages.get(error.code, error.name)
        return error_response(error.code or 500, message, error.description if wants_json() else None)

    @app.errorhandler(OperationalError)
    def handle_database_unavailable(error: OperationalError):
        # The database is unreachable (or locked beyond the timeout): nothing was committed, so
        # roll back what this request started and say so instead of a bare 500.
        db.session.rollback()
        app.logger.error("database unavailable: %s", error)
        # A page of its own: the normal layout would ask the database for the logged-in user.
        return error_response(503, _("De databank is tijdelijk niet bereikbaar. Probeer het zo dadelijk opnieuw."),
                              template="errors/unavailable.html")

    @app.errorhandler(500)
    def handle_server_error(error):
        return error_response(500, _("Er ging iets mis. De fout is gemeld."))
