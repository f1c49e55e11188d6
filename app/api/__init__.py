"""The public JSON API (see DESIGN.md): the same services as the pages, JSON in and out."""
from flask import Blueprint

bp = Blueprint("api", __name__)

from app.api import auth, bodies  # noqa: E402,F401
from app.api import documents, search  # noqa: E402,F401
from app.api import meetings  # noqa: E402,F401
from app.api import decisions  # noqa: E402,F401
