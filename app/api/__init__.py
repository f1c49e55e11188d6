"""The public JSON API (see DESIGN.md): the same services as the pages, JSON in and out."""
from flask import Blueprint, g, request
from flask_babel import gettext as _

from app.api.edge import check_request_text
from app.auth.services import user_for_token
from app.core.errors import NotFound
from app.core.input import MAX_ID
from app.extensions import login_manager

bp = Blueprint("api", __name__)

from app.api import auth, bodies  # noqa: E402,F401
from app.api import documents, search  # noqa: E402,F401
from app.api import meetings  # noqa: E402,F401
from app.api import decisions  # noqa: E402,F401
from app.api import minutes_comments  # noqa: E402,F401
from app.api import proposals  # noqa: E402,F401
from app.api import openapi  # noqa: E402,F401


@bp.before_request
def authenticate_by_bearer_token_only():
    """The API is exempt from CSRF, so it must never act on the session cookie: a request counts as
    a user's only with a valid bearer token, and is the anonymous public otherwise."""
    header = request.headers.get("Authorization", "")
    user = user_for_token(header[len("Bearer "):].strip()) if header.startswith("Bearer ") else None
    g._login_user = user or login_manager.anonymous_user()


@bp.before_request
def refuse_unusable_text():
    """NUL, lone surrogates and line breaks in one-line fields are refused here, for every call
    (app/api/edge.py), before a route or service reads the request."""
    check_request_text()


@bp.url_value_preprocessor
def refuse_ids_no_row_has(endpoint, values):
    """An id in the URL beyond any row's is a 404 here, before it reaches a query that the database
    driver refuses (SQLite overflows past 2**63, PostgreSQL past its integer types)."""
    for value in (values or {}).values():
        if isinstance(value, int) and not 0 < value <= MAX_ID:
            raise NotFound(_("Deze pagina bestaat niet."))
