"""Documents: folders, Markdown pages and uploaded files with versions, tags and a workflow."""
from flask import Blueprint

bp = Blueprint("documents", __name__)

from app.documents import attachments, pack_routes, routes  # noqa: E402,F401  (attachments: the meeting page hook)
