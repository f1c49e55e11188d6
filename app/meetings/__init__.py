"""Meetings and agendas: planning, agenda items, attendance, exports."""
from flask import Blueprint

bp = Blueprint("meetings", __name__)

from app.meetings import confirm_routes, routes  # noqa: E402,F401
