"""Minutes per agenda item, with revisions, approval and locking."""
from flask import Blueprint

bp = Blueprint("minutes", __name__)

from app.minutes import routes  # noqa: E402,F401
