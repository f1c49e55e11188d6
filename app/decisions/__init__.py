"""Decisions (besluitenlijst), objectives, and the action dashboard."""
from flask import Blueprint

bp = Blueprint("decisions", __name__)
actions_bp = Blueprint("actions", __name__)

from app.decisions import action_routes, feedback, numbering, routes  # noqa: E402,F401  (feedback, numbering: hooks)
