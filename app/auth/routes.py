"""Log in, log out, change password."""
from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.auth import bp, services
from app.auth.forms import ChangePasswordForm, LoginForm
from app.core.errors import DomainError


def _safe_next(target: str | None) -> str:
    """Only redirect to a path on this site after login."""
    if target and not urlsplit(target).netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("main.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except DomainError as error:
            form.form_errors.append(error.message)
            status = 429 if error.status == 403 else 401
        else:
            login_user(user, remember=form.remember.data)
            flash(_("U bent aangemeld."), "success")
            return redirect(_safe_next(request.args.get("next")))
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    flash(_("U bent afgemeld."), "success")
    return redirect(url_for("main.index"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current.data, form.new.data)
        except DomainError as error:
            form.current.errors.append(error.message)
        else:
            flash(_("Uw wachtwoord is gewijzigd."), "success")
            return redirect(url_for("main.index"))
    return render_template("auth/change_password.html", form=form)
