"""Start page and language choice."""
from flask import current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from app.auth import services as accounts
from app.bodies import services as bodies
from app.core.permissions import is_anonymous
from app.main import bp, services
from app.todo.services import todo_for


@bp.route("/")
def index():
    return render_template(
        "main/index.html",
        bodies=bodies.list_bodies(),
        my_bodies=bodies.bodies_of(current_user),
        upcoming=services.upcoming_meetings(current_user),
        todo=None if is_anonymous(current_user) else todo_for(current_user),
    )


@bp.route("/language/<code>", methods=["POST"])
def set_language(code: str):
    if code in ("nl", "en"):
        session["language"] = code
        accounts.set_language(current_user, code)
    target = request.form.get("next", "")
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("main.index")
    return redirect(target)


@bp.route("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page links to."""
    return current_app.send_static_file("favicon.ico")
