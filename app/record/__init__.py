"""The meeting record (verslag): the minute-taking screen and the minutes export, which join the
minutes, the decisions and the actions of a meeting. Above the minutes and decisions features, so
neither has to import the other.

The blueprint keeps the name "minutes": its URLs and endpoints are those users and links know.
"""
from flask import Blueprint

bp = Blueprint("minutes", __name__)

from app.record import editor_routes, inline, routes  # noqa: E402,F401
