"""API login and the current user."""
from flask import jsonify
from flask_babel import gettext as _

from app.api import bp
from app.api.helpers import json_body, require_login
from app.auth import services
from app.core.errors import Invalid


@bp.post("/login")
def login():
    data = json_body()
    email, password = data.get("email"), data.get("password")
    if not isinstance(email, str) or not isinstance(password, str):
        raise Invalid(_("Geef e-mailadres en wachtwoord."))
    # wrong credentials are Unauthenticated (401), repeated failures TooManyAttempts (429)
    user = services.authenticate(email, password)
    return jsonify({"token": services.issue_api_token(user)})


@bp.get("/me")
def me():
    user = require_login()
    return jsonify({
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "global_roles": [user.global_role] if user.global_role else [],
        "roles": {m.body.slug: m.role for m in user.memberships},
    })
