"""The user's notification preferences, and unsubscribing from a mail without logging in."""
from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.core.forms import form_page
from app.extensions import csrf
from app.notify import bp
from app.notify.forms import KIND_LABELS, PreferencesForm
from app.notify.models import KINDS
from app.notify import preferences as prefs


@bp.route("/account/notifications", methods=["GET", "POST"])
@login_required
def preferences():
    form = PreferencesForm(obj=prefs.preferences_of(current_user))

    def save():
        return prefs.update_preferences(current_user, {
            **{kind: getattr(form, kind).data for kind in KINDS},
            "reminder_frequency": form.reminder_frequency.data,
        })

    return form_page("notify/preferences.html", form, save, _("Je meldingen zijn bewaard."),
                     request.path)


@bp.get("/unsubscribe/<token>")
def unsubscribe(token: str):
    """The link in a mail's footer: says what it switches off, and asks for the click (a GET
    changes nothing: mail scanners follow links)."""
    user, kind = prefs.unsubscribe_target(token)
    return render_template("notify/unsubscribe.html", user=user, kind_label=KIND_LABELS[kind], token=token,
                           done=False)


@bp.post("/unsubscribe/<token>")
@csrf.exempt  # RFC 8058: the mail client posts "List-Unsubscribe=One-Click", with no session
def unsubscribe_click(token: str):
    user, kind = prefs.unsubscribe(token)
    if request.form.get("List-Unsubscribe") == "One-Click":
        return "", 200
    return render_template("notify/unsubscribe.html", user=user, kind_label=KIND_LABELS[kind], token=token,
                           done=True)
