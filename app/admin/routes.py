"""Admin pages."""
from flask import render_template
from flask_login import current_user, login_required

from app.admin import bp
from app.auth import services as accounts
from app.bodies import services as bodies
from app.core.permissions import MANAGE, require


@bp.route("/")
@login_required
def index():
    require(current_user, MANAGE)
    return render_template(
        "admin/index.html",
        users=accounts.list_users(),
        bodies=bodies.list_bodies(),
        organisations=bodies.list_organisations(),
    )
