"""Notifications: what is mailed to whom when something happens (an agenda published, minutes
open for comment, an action assigned, a reminder), each kind switchable per user, with one-click
unsubscribe. It connects to the hooks of the features it reports on; they never import it."""
from flask import Blueprint

bp = Blueprint("notify", __name__)

from app.notify import routes  # noqa: E402,F401
