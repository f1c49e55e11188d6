"""API login, the current user, and asking for a password reset."""
from flask import jsonify
from flask_babel import gettext as _

from app.api import bp
from app.api.helpers import json_body, require_login
from app.auth import reset, services
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


@bp.post("/password-reset")
def password_reset():
    """Mail a reset link when the address has an account: always 202 with the same body, so the
    answer tells nobody which addresses have one. Bad JSON or a missing or malformed address: 400."""
    email = json_body().get("email")
    if not isinstance(email, str) or not email.strip():
        raise Invalid(_("Geef een e-mailadres."))
    if len(email) > 254:
        raise Invalid(_("Een e-mailadres telt hoogstens 254 tekens."))
    reset.request_password_reset(email)
    return jsonify({"status": "accepted",
                    "message": _("Als er een account bestaat met dit e-mailadres, krijgt het een e-mail "
                                 "met een link om een nieuw wachtwoord te kiezen.")}), 202
