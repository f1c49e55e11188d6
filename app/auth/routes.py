"""Log in, log out, change a password, and choose one through a mailed link."""
from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.auth import bp, links, reset, services
from app.auth.forms import ChangePasswordForm, ChoosePasswordForm, ForgotPasswordForm, LoginForm
from app.core.errors import TooManyAttempts, Unauthenticated
from app.core.forms import submit


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
    # wrong credentials (401) and throttling (429) are messages on this form, with their status
    result = submit(form, lambda: services.authenticate(form.email.data, form.password.data),
                    correctable=(Unauthenticated, TooManyAttempts))
    if result.ok:
        login_user(result.value, remember=form.remember.data)
        flash(_("U bent aangemeld."), "success")
        return redirect(_safe_next(request.args.get("next")))
    if result.error:
        form.form_errors.append(result.error)
    return render_template("auth/login.html", form=form), result.status


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    flash(_("U bent afgemeld."), "success")
    return redirect(url_for("main.index"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    result = submit(form, lambda: services.change_password(current_user, form.current.data, form.new.data))
    if result.ok:
        flash(_("Uw wachtwoord is gewijzigd."), "success")
        return redirect(url_for("main.index"))
    if result.error:
        form.current.errors.append(result.error)
    return render_template("auth/change_password.html", form=form)


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password():
    """Ask for a link by address; the answer is the same whether or not the address has an account."""
    form = ForgotPasswordForm()
    result = submit(form, lambda: reset.request_password_reset(form.email.data))
    if result.ok:
        return redirect(url_for("auth.password_link_sent"))
    if result.error:
        form.email.errors.append(result.error)
    return render_template("auth/forgot_password.html", form=form), result.status


@bp.get("/password/forgot/sent")
def password_link_sent():
    return render_template("auth/password_link_sent.html",
                           hours=int(links.lifetime(links.RESET).total_seconds() // 3600))


@bp.route("/password/choose/<token>", methods=["GET", "POST"])
def choose_password(token: str):
    """The page a mailed link opens: a GET changes nothing (mail scanners follow links)."""
    form = ChoosePasswordForm()
    try:
        user, purpose = links.check_link(token)
        result = submit(form, lambda: reset.choose_password(token, form.new.data))
    except links.REFUSED as error:  # expired, used or forged: say so, and offer a new link
        return render_template("auth/link_refused.html", message=error.message), error.status
    if result.ok:
        login_user(result.value)
        flash(_("Uw wachtwoord is bewaard. U bent aangemeld."), "success")
        return redirect(url_for("main.index"))
    if result.error:
        form.new.errors.append(result.error)
    return render_template("auth/choose_password.html", form=form, user=user,
                           invitation=purpose == links.INVITATION), result.status
